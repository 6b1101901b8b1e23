package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.CredentialsHandle;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The token cache's exchange function, and the rotation policy for rejected credentials: read the credentials
 * from their source (through its caches), try each live secret (newest first); when all are rejected, re-load
 * the credentials from their source once, bypassing its caches (the secret may have been rotated there), try
 * the secrets not yet rejected; then fail.
 *
 * <p>Why it exists: Adobe allows two live secrets during rotation, and a secret store may already hold the new
 * one. A rejection must never become a retry loop: each exchange makes at most one POST per distinct secret.
 * Thread-safe (the cache runs one exchange at a time anyway).
 */
final class SecretRotation implements Supplier<AccessToken> {
  private static final System.Logger LOG = System.getLogger(SecretRotation.class.getName());

  private final RetryPolicy retries;
  private final CredentialsHandle credentials;

  SecretRotation(RetryPolicy retries, CredentialsHandle credentials) {
    this.retries = retries;
    this.credentials = credentials;
  }

  @Override
  public AccessToken get() {
    List<Secret> rejected = new ArrayList<>();
    List<CredentialsRejectedException> failures = new ArrayList<>();
    ClientCredentials current = requireSecret(current());
    AccessToken token = tryEach(current, rejected, failures);
    if (token != null) {
      warnIfRotated(current, failures);
      return token;
    }
    LOG.log(Level.DEBUG, "IMS rejected every secret of client ID {0} from {1}; re-loading from the source",
        current.maskedClientId(), current.origin());
    ClientCredentials reloaded;
    try {
      reloaded = requireSecret(credentials.reload(true));
    } catch (FireflyAuthException e) {
      e.addSuppressed(last(failures));
      throw e;
    }
    token = tryEach(reloaded, rejected, failures);
    if (token != null) {
      warnIfRotated(reloaded, failures);
      return token;
    }
    throw new CredentialsRejectedException(
        "IMS rejected the client credentials (client ID " + reloaded.maskedClientId() + " from "
            + reloaded.origin() + ") after " + failures.size() + " secret(s) and one re-load from the source;"
            + " rotate or fix the client secret. Last answer: " + last(failures).getMessage(),
        last(failures));
  }

  /**
   * The credentials as their source holds them now. Each exchange (once per token lifetime) asks the source
   * that supplied them again, through its own caches (a file re-parsed only if it changed, a secret store
   * fetched again only after its TTL), so a secret rotated there is used before IMS has to reject the old one.
   * When the source cannot be reached right now, the credentials loaded before are good enough to try.
   */
  private ClientCredentials current() {
    try {
      return credentials.reload(false);
    } catch (TransientException e) {
      LOG.log(Level.WARNING, "could not re-read the credentials ({0}); using the ones loaded before",
          e.getMessage());
      return credentials.get();
    }
  }

  /** A secret that IMS no longer accepts is worth one warning, once another one worked: remove it. */
  private static void warnIfRotated(ClientCredentials c, List<CredentialsRejectedException> failures) {
    if (!failures.isEmpty()) {
      LOG.log(Level.WARNING, "IMS rejected {0} secret(s) of client ID {1} from {2} before one was accepted;"
          + " remove the retired secret from the source", failures.size(), c.maskedClientId(), c.origin());
    }
  }

  /** The token from the first accepted secret not in {@code rejected}; null when all are rejected. */
  private AccessToken tryEach(
      ClientCredentials c, List<Secret> rejected, List<CredentialsRejectedException> failures) {
    int n = 0;
    for (Secret secret : c.secrets()) {
      n++;
      if (rejected.contains(secret)) {
        continue;
      }
      try {
        return retries.request(c, secret);
      } catch (CredentialsRejectedException e) {
        LOG.log(Level.DEBUG, "secret {0} of {1} rejected: {2}", n, c.secrets().size(), e.getMessage());
        rejected.add(secret);
        failures.add(e);
      }
    }
    return null;
  }

  /**
   * {@code c}, when it has a secret to exchange.
   *
   * @throws ConfigurationException naming {@code FIREFLY_SERVICES_CLIENT_SECRET}
   */
  static ClientCredentials requireSecret(ClientCredentials c) {
    if (!c.hasSecret()) {
      throw new ConfigurationException(
          "credentials from " + c.origin() + " have a client ID but no client secret, so no token can be"
              + " requested from IMS: set " + Setting.CLIENT_SECRET + " (or " + Setting.ACCESS_TOKEN
              + " to use a ready-made token)");
    }
    return c;
  }

  private static CredentialsRejectedException last(List<CredentialsRejectedException> failures) {
    return failures.get(failures.size() - 1);
  }
}

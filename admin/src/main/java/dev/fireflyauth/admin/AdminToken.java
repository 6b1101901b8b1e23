package dev.fireflyauth.admin;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TokenProvider;
import java.util.List;

/**
 * The access token for the I/O Management API: the managed credential's own client ID and secrets, with the
 * scopes {@link SecretsAdmin#SCOPES}, exchanged at IMS one secret at a time (newest first) so that the secret
 * IMS accepted is known: {@link #inUse()}, the secret the deployment uses now, which a rotation keeps live as
 * the second secret.
 *
 * <p>Why it exists: Adobe's guide asks for exactly these scopes, which the credential gets when the I/O
 * Management API is added to its Developer Console project; when IMS refuses them, the message says so. One
 * exchange per instance (the token is cached by the IMS provider's cache); a token the API rejected is
 * invalidated once. Thread-safe.
 */
final class AdminToken implements AutoCloseable {
  private final ClientCredentials credentials;
  private final ImsExchange ims;
  private TokenProvider provider; // guarded by this
  private Secret inUse; // guarded by this
  private boolean closed; // guarded by this

  AdminToken(ClientCredentials credentials, ImsExchange ims) {
    this.credentials = credentials;
    this.ims = ims;
  }

  /** A valid token for the API, exchanged on first use. */
  AccessToken token() {
    return provider().token();
  }

  /** The secret IMS accepted for the token (exchanging one if none was yet). */
  synchronized Secret inUse() {
    provider();
    return inUse;
  }

  /** Drops {@code rejected} so the next {@link #token()} exchanges again. */
  synchronized void invalidate(AccessToken rejected) {
    if (provider != null) {
      provider.invalidate(rejected);
    }
  }

  private synchronized TokenProvider provider() {
    if (closed) {
      throw new IllegalStateException("this SecretsAdmin is closed");
    }
    if (provider != null) {
      return provider;
    }
    if (!credentials.hasSecret()) {
      throw new ConfigurationException("credentials from " + credentials.origin() + " have no client secret, so no"
          + " token for the I/O Management API can be requested: set " + Setting.CLIENT_SECRET);
    }
    CredentialsRejectedException rejected = null;
    for (Secret secret : credentials.secrets()) {
      TokenProvider p = ims.provider(
          credentials.toBuilder().secrets(List.of(secret)).scopes(SecretsAdmin.SCOPES).build());
      try {
        p.token();
        provider = p;
        inUse = secret;
        return p;
      } catch (CredentialsRejectedException e) {
        p.close();
        rejected = e;
      } catch (ConfigurationException e) {
        p.close();
        throw new ConfigurationException("IMS issued no token for the I/O Management API: " + e.getMessage()
            + ". The credential must be allowed the scopes " + String.join(",", SecretsAdmin.SCOPES)
            + ": add the I/O Management API to its project in Adobe Developer Console", e);
      } catch (RuntimeException | Error e) {
        p.close();
        throw e;
      }
    }
    throw new CredentialsRejectedException("IMS rejected every client secret of client ID "
        + credentials.maskedClientId() + " from " + credentials.origin() + " (" + credentials.secrets().size()
        + ") when asked for a token for the I/O Management API: " + rejected.getMessage(), rejected);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (provider != null) {
      provider.close();
      provider = null;
    }
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS identity a client signs with, as error messages need it: the access key ID to name, and the secret
 * access key and session token to strip from peer text. Never shown itself.
 *
 * <p>Why it exists: "access denied" is fixed by granting the right identity a permission, so messages name it;
 * and an endpoint that echoes our request must not get AWS credentials into a message. The credentials are
 * asked for only while wording an error, and only briefly (a provider that would have to ask a metadata
 * service gets {@value #WAIT_MILLIS} ms, not a hang).
 */
final class AwsIdentity {
  static final long WAIT_MILLIS = 500;

  private final Supplier<Optional<Creds>> resolve;

  /** What we keep of resolved credentials: the key ID to name, the secret parts to strip. */
  record Creds(String accessKeyId, List<Secret> secrets) {
    static Creds of(String accessKeyId, String secretAccessKey, String sessionToken) {
      List<Secret> secrets = new ArrayList<>();
      for (String s : new String[] {secretAccessKey, sessionToken}) {
        if (s != null && !s.isEmpty()) {
          secrets.add(Secret.of(s));
        }
      }
      return new Creds(accessKeyId, List.copyOf(secrets));
    }

    @Override
    public String toString() {
      return "Creds{" + accessKeyId + '}';
    }
  }

  private AwsIdentity(Supplier<Creds> resolve) {
    this.resolve = () -> Optional.ofNullable(resolve.get());
  }

  /** The identity of a credentials provider we hold. */
  static AwsIdentity of(AwsCredentialsProvider provider) {
    return new AwsIdentity(() -> creds(provider.resolveCredentials()));
  }

  /**
   * The identity of an application's client: from its configuration on SDK 2.21 and later, unknown before
   * (SDK 2.20 clients do not expose their credentials provider).
   */
  static AwsIdentity ofClient(SecretsManagerClient client) {
    return new AwsIdentity(() -> {
      try {
        return ClientCredentialsLookup.resolve(client, WAIT_MILLIS);
      } catch (LinkageError e) {
        return null;
      }
    });
  }

  /** The access key ID, or {@code (unknown)}. */
  String accessKeyId() {
    return creds().map(Creds::accessKeyId).orElse("(unknown)");
  }

  /** The secret access key and session token, for {@link dev.fireflyauth.spi.support.PeerText#clean}. */
  List<Secret> secrets() {
    return creds().map(Creds::secrets).orElse(List.of());
  }

  private Optional<Creds> creds() {
    CompletableFuture<Optional<Creds>> f = CompletableFuture.supplyAsync(resolve);
    try {
      return f.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      f.cancel(true);
      return Optional.empty();
    }
  }

  private static Creds creds(AwsCredentials c) {
    if (c == null) {
      return null;
    }
    return Creds.of(c.accessKeyId(), c.secretAccessKey(),
        c instanceof AwsSessionCredentials s ? s.sessionToken() : null);
  }

  @Override
  public String toString() {
    return "AwsIdentity";
  }
}

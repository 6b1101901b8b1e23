package dev.fireflyauth.aws;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the credentials an application's client signs with, through the client configuration of SDK 2.21 and
 * later (identity SPI).
 *
 * <p>Why it is a class of its own: it is the only code that touches the identity SPI, which SDK 2.20 does
 * not have. Kept apart, it fails with a {@link LinkageError} its caller catches, instead of making the classes
 * that every SDK version runs unloadable.
 */
final class ClientCredentialsLookup {
  private ClientCredentialsLookup() {}

  /** The client's credentials, or null when they cannot be had within {@code waitMillis}. */
  static AwsIdentity.Creds resolve(SecretsManagerClient client, long waitMillis) {
    AwsCredentialsIdentity id;
    try {
      id = client.serviceClientConfiguration().credentialsProvider().resolveIdentity()
          .get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return null;
    }
    if (id == null) {
      return null;
    }
    return AwsIdentity.Creds.of(id.accessKeyId(), id.secretAccessKey(),
        id instanceof AwsSessionCredentialsIdentity s ? s.sessionToken() : null);
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.Settings;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The application's own Secrets Manager client, given to {@link AwsSecretsCredentialSource.Builder#client}:
 * used as it is (its region, endpoint, credentials and HTTP client) and never closed by us.
 *
 * <p>Why it exists: an application that already configured the SDK (a proxy, a role, metrics) should not
 * have to configure it twice. Since we cannot close the application's client, {@link #close()} cannot abort a
 * call in flight on it; the timeouts set on every request bound such a call instead.
 */
final class AppClient implements AwsClients {
  private final SecretsManagerClient client;
  private final String region;
  private final URI endpoint;
  private final AwsIdentity identity;
  private volatile boolean closed;

  AppClient(SecretsManagerClient client) {
    this.client = client;
    this.region = regionOf(client);
    this.endpoint = endpointOf(client);
    this.identity = AwsIdentity.ofClient(client);
  }

  /** The client's region, or null when it does not say (a hand-written implementation). */
  static String regionOf(SecretsManagerClient client) {
    try {
      Region r = client.serviceClientConfiguration().region();
      return r == null ? null : r.id();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static URI endpointOf(SecretsManagerClient client) {
    try {
      return client.serviceClientConfiguration().endpointOverride().orElse(null);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  String region() {
    return region;
  }

  @Override
  public OpenClient connect(SecretLocation location, Settings settings) {
    if (closed) {
      throw AwsSecretsCredentialSource.closed();
    }
    String r = region != null ? region : location.region() != null ? location.region() : "its region";
    return new OpenClient(client, r, endpoint, identity);
  }

  @Override
  public int built() {
    return 0;
  }

  @Override
  public int open() {
    return 0;
  }

  @Override
  public void close() {
    closed = true;
  }
}

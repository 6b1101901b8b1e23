package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK clients this source opened: built on first use, at most one per (region, endpoint), closed together.
 *
 * <p>Why it exists: an SDK client costs a few hundred milliseconds to build and holds resources, so it is
 * made only when a configured source first loads (never when the source is merely discovered) and kept for
 * later loads. Thread-safe.
 */
final class AwsClients implements AutoCloseable {
  /** A region of null means "the SDK's default region chain". */
  private record Key(String region, URI endpoint) {}

  private final ClientFactory factory;
  private final Map<Key, Connection> open = new HashMap<>(); // guarded by this
  private int built; // guarded by this
  private boolean closed; // guarded by this

  AwsClients(ClientFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** Clients on the SDK's default credentials and region chains. */
  static AwsClients withSdkDefaults() {
    return new AwsClients(SdkClientFactory.defaults());
  }

  /**
   * The client for {@code location}'s region and endpoint, built on first use.
   *
   * @throws CredentialSourceException when no region is configured, or after {@link #close()}
   */
  synchronized Connection connect(SecretLocation location, Settings settings) {
    if (closed) {
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME, "the aws-secrets source is closed");
    }
    Key key = new Key(location.region(), location.endpoint());
    Connection c = open.get(key);
    if (c == null) {
      Region region = location.region() != null ? Region.of(location.region()) : defaultRegion(location);
      c = new Connection(factory.create(region, location.endpoint(), settings), region.id(), location.endpoint());
      open.put(key, c);
      built++;
    }
    return c;
  }

  private Region defaultRegion(SecretLocation location) {
    try {
      return factory.defaultRegion();
    } catch (SdkClientException e) {
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME, "no AWS region for secret "
          + location.secretId() + ": add ?region= to the locator, set " + Setting.AWS_REGION
          + " or AWS_REGION, or give the AWS profile a region (AWS SDK: " + AwsErrors.summary(e) + ")");
    }
  }

  /** How many clients were ever built: a probe for tests (no client unless configured). */
  synchronized int built() {
    return built;
  }

  /** How many clients are open now. */
  synchronized int open() {
    return open.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Connection c : open.values()) {
      c.client().close();
    }
    open.clear();
  }
}

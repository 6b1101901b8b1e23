package dev.fireflyauth.aws;

import dev.fireflyauth.Settings;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the Secrets Manager clients this source owns, and finds the default region.
 *
 * <p>Why it exists: it is the seam between this source and the SDK's process-wide defaults (credentials and
 * region chains that read the environment, {@code ~/.aws}, instance metadata). Production uses
 * {@link SdkClientFactory}; tests pass static credentials, a fixed region and fast retries.
 */
interface ClientFactory extends AutoCloseable {

  /** A client we built, with the HTTP client we must close after it. */
  record Built(OpenClient connection, SdkAutoCloseable http) implements AutoCloseable {
    @Override
    public void close() {
      try {
        connection.client().close();
      } finally {
        http.close();
      }
    }
  }

  /**
   * The region from the SDK's default region chain.
   *
   * @throws software.amazon.awssdk.core.exception.SdkClientException when no region is configured anywhere
   */
  Region defaultRegion();

  /**
   * A new client; the caller closes it.
   *
   * @param endpoint an endpoint override, or null for the region's public endpoint
   */
  Built create(Region region, URI endpoint, Settings settings, CallTimeouts timeouts);

  /** Releases what the factory made for all its clients (a credentials provider). Idempotent. */
  @Override
  void close();
}

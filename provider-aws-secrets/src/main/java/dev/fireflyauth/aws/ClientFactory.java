package dev.fireflyauth.aws;

import dev.fireflyauth.Settings;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds Secrets Manager clients and finds the default region.
 *
 * <p>Why it exists: it is the seam between this source and the SDK's process-wide defaults (credentials and
 * region chains that read the environment, {@code ~/.aws}, instance metadata). Production uses
 * {@link SdkClientFactory#defaults()}; tests pass static credentials, a fixed region and fast retries.
 */
interface ClientFactory {

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
  SecretsManagerClient create(Region region, URI endpoint, Settings settings);
}

package dev.fireflyauth.aws;

import dev.fireflyauth.Settings;
import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The {@link ClientFactory} on the real SDK: {@code url-connection-client} (or the HTTP client the user
 * names, see {@link HttpClients}), the SDK's default credentials chain, and whatever a customizer adds.
 *
 * <p>Creating one touches no SDK class that starts threads or reads the environment: everything happens in
 * {@link #create} and {@link #defaultRegion()}, which run only when the source is configured.
 */
final class SdkClientFactory implements ClientFactory {
  private final Supplier<Region> regionChain;
  private final Consumer<SecretsManagerClientBuilder> customizer;

  /**
   * @param regionChain the region when neither locator nor settings give one
   * @param customizer applied last to every builder (credentials, retries, timeouts)
   */
  SdkClientFactory(Supplier<Region> regionChain, Consumer<SecretsManagerClientBuilder> customizer) {
    this.regionChain = regionChain;
    this.customizer = customizer;
  }

  /** SDK defaults for credentials, region, retries and timeouts. */
  static SdkClientFactory defaults() {
    return new SdkClientFactory(() -> DefaultAwsRegionProviderChain.builder().build().getRegion(), b -> {});
  }

  @Override
  public Region defaultRegion() {
    return regionChain.get();
  }

  @Override
  public SecretsManagerClient create(Region region, URI endpoint, Settings settings) {
    SecretsManagerClientBuilder b =
        SecretsManagerClient.builder().region(region).httpClientBuilder(HttpClients.builder(settings));
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    customizer.accept(b);
    return b.build();
  }
}

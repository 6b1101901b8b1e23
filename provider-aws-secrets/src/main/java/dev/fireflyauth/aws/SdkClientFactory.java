package dev.fireflyauth.aws;

import dev.fireflyauth.Settings;
import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The {@link ClientFactory} on the real SDK: {@link JdkSdkHttpClient} (or the HTTP client the user names, see
 * {@link SdkHttpClients}), a credentials provider (the SDK's default chain unless the embedder gave one), and
 * whatever a customizer adds.
 *
 * <p>Creating one touches no SDK class that starts threads or reads the environment: everything happens in
 * {@link #create} and {@link #defaultRegion()}, which run only when the source is configured. The credentials
 * provider is made on the first {@code create}, shared by all clients, and closed by {@link #close()} when we
 * made it (an embedder's provider is the embedder's to close).
 */
final class SdkClientFactory implements ClientFactory {
  private final Supplier<Region> regionChain;
  private final Supplier<AwsCredentialsProvider> credentialsSource;
  private final boolean ownsCredentials;
  private final Consumer<SecretsManagerClientBuilder> customizer;
  private AwsCredentialsProvider credentials; // guarded by this

  /**
   * @param regionChain the region when neither locator, builder nor settings give one
   * @param credentialsSource makes the credentials provider, on first use
   * @param ownsCredentials whether {@link #close()} closes that provider
   * @param customizer applied last to every builder (retries in tests)
   */
  SdkClientFactory(
      Supplier<Region> regionChain,
      Supplier<AwsCredentialsProvider> credentialsSource,
      boolean ownsCredentials,
      Consumer<SecretsManagerClientBuilder> customizer) {
    this.regionChain = regionChain;
    this.credentialsSource = credentialsSource;
    this.ownsCredentials = ownsCredentials;
    this.customizer = customizer;
  }

  /** SDK defaults for credentials and region. */
  static SdkClientFactory defaults() {
    return new SdkClientFactory(SdkClientFactory::sdkRegion, () -> DefaultCredentialsProvider.builder().build(), true,
        b -> {});
  }

  /** An embedder's credentials provider (never closed by us), the SDK's region chain. */
  static SdkClientFactory with(AwsCredentialsProvider provider) {
    return new SdkClientFactory(SdkClientFactory::sdkRegion, () -> provider, false, b -> {});
  }

  private static Region sdkRegion() {
    return DefaultAwsRegionProviderChain.builder().build().getRegion();
  }

  @Override
  public Region defaultRegion() {
    return regionChain.get();
  }

  private synchronized AwsCredentialsProvider credentials() {
    if (credentials == null) {
      credentials = credentialsSource.get();
    }
    return credentials;
  }

  @Override
  public Built create(Region region, URI endpoint, Settings settings, CallTimeouts timeouts) {
    AwsCredentialsProvider provider = credentials();
    SecretsManagerClientBuilder b = SecretsManagerClient.builder().region(region).credentialsProvider(provider);
    SdkAutoCloseable http = SdkHttpClients.apply(b, settings, timeouts);
    try {
      if (endpoint != null) {
        b.endpointOverride(endpoint);
      }
      customizer.accept(b);
      return new Built(new OpenClient(b.build(), region.id(), endpoint, AwsIdentity.of(provider)), http);
    } catch (RuntimeException | Error e) {
      http.close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (ownsCredentials && credentials instanceof SdkAutoCloseable c) {
      c.close();
    }
    credentials = null;
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * SDK clients for tests, independent of the machine: static AWS test credentials, a fixed default region,
 * an empty AWS profile file, and three attempts without back-off so retry tests are fast.
 */
final class TestAws {
  static final String ACCESS_KEY_ID = "AKIDFIREFLYTEST0001";
  static final String SECRET_ACCESS_KEY = "aws-secret-access-key-never-shown";
  static final int ATTEMPTS = 3;

  private TestAws() {}

  static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  /** A source on test clients whose default region is us-east-1. */
  static AwsSecretsCredentialSource source() {
    return new AwsSecretsCredentialSource(factory(b -> {}));
  }

  /** Test clients with {@code extra} applied last. */
  static SdkClientFactory factory(Consumer<SecretsManagerClientBuilder> extra) {
    return factory(credentials(), extra);
  }

  /** Test clients signing with {@code credentials}. */
  static SdkClientFactory factory(AwsCredentialsProvider credentials, Consumer<SecretsManagerClientBuilder> extra) {
    return new SdkClientFactory(() -> Region.US_EAST_1, () -> credentials, false, b -> {
      b.overrideConfiguration(overrides());
      extra.accept(b);
    });
  }

  /** Test clients that find no region anywhere: a real SDK region chain over an empty profile file. */
  static SdkClientFactory noRegion() {
    return new SdkClientFactory(
        () -> new AwsRegionProviderChain(new AwsProfileRegionProvider(TestAws::emptyProfile, "default")).getRegion(),
        TestAws::credentials, false, b -> {});
  }

  static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .defaultProfileFile(emptyProfile())
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(ATTEMPTS)
            .backoffStrategy(BackoffStrategy.retryImmediately())
            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
            .circuitBreakerEnabled(false)
            .build())
        .build();
  }

  static ProfileFile emptyProfile() {
    return ProfileFile.builder().content("").type(ProfileFile.Type.CONFIGURATION).build();
  }

  /** Settings pointing the source at {@code stub}, plus {@code more} name/value pairs. */
  static Settings settings(SecretsManagerStub stub, String... more) {
    Settings.Builder b = Settings.builder().put(Setting.AWS_ENDPOINT, stub.url());
    for (int i = 0; i < more.length; i += 2) {
      b.put(more[i], more[i + 1]);
    }
    return b.build();
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.SourceContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An application that already uses the AWS SDK with its default HTTP clients (Apache for sync, Netty for
 * async), loaded by {@link SdkSharingIT} in a class loader of its own with one SDK version: it builds its own
 * S3 clients exactly as before, then reads credentials through our discovered source, through a source on its
 * own Secrets Manager client, writes a secret back, and words an error, reporting each outcome as text.
 *
 * <p>Uses only SDK API present in 2.20 and our public API, since it runs against old and current SDKs.
 */
public final class SdkSharingApp implements Function<Map<String, String>, Map<String, String>> {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";

  @Override
  public Map<String, String> apply(Map<String, String> in) {
    String endpoint = in.get("endpoint");
    Map<String, String> out = new LinkedHashMap<>();
    out.put("sdk", attempt(() -> (String) VersionInfo.class.getField("SDK_VERSION").get(null))); // not inlined
    List<String> services = new ArrayList<>();
    ServiceLoader.load(SdkHttpService.class, getClass().getClassLoader()).forEach(s -> services.add(s.getClass().getName()));
    out.put("httpServices", String.join(",", services));
    out.put("s3", attempt(() -> {
      try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build()) {
        return s3.serviceName().isEmpty() ? "unnamed" : "built";
      }
    }));
    out.put("s3async", attempt(() -> {
      try (S3AsyncClient s3 = S3AsyncClient.builder().region(Region.US_EAST_1).build()) {
        return s3.serviceName().isEmpty() ? "unnamed" : "built";
      }
    }));
    Settings settings = Settings.builder()
        .put(Setting.AWS_ENDPOINT, endpoint)
        .put(Setting.AWS_REGION, "us-east-1")
        .build();
    out.put("discovered", attempt(() -> {
      // The source as every application gets it: found by ServiceLoader, on the SDK's default chains.
      try (FireflyAuth auth = FireflyAuth.builder().classLoader(getClass().getClassLoader())
          .settings(settings).locators(LOCATOR).build()) {
        return auth.credentials().clientId();
      }
    }));
    out.put("appClient", attempt(() -> {
      // The application's own client, on its own (Apache) HTTP client.
      try (SecretsManagerClient sm = SecretsManagerClient.builder()
          .region(Region.US_EAST_1)
          .endpointOverride(URI.create(endpoint))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAPP", "app-key")))
          .build();
          FireflyAuth auth = FireflyAuth.builder().classLoader(getClass().getClassLoader())
              .addSource(AwsSecretsCredentialSource.builder().client(sm).build())
              .settings(Settings.builder().build()).locators(LOCATOR).build()) {
        return auth.credentials().clientId();
      }
    }));
    out.put("writeBack", attempt(() -> {
      try (AwsSecretsCredentialSource source = AwsSecretsCredentialSource.builder()
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDWRITER", "w-key")))
          .build()) {
        source.writeBack(context(settings, LOCATOR)).orElseThrow()
            .write(Secret.of("rotated-secret-2"), Secret.of("first-secret-1"));
        ClientCredentials c = source.load(context(settings, LOCATOR)).orElseThrow();
        return c.secrets().size() + " secrets";
      }
    }));
    out.put("error", attempt(() -> {
      try (AwsSecretsCredentialSource source = AwsSecretsCredentialSource.builder()
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDENIED", "d-key")))
          .build()) {
        source.load(context(settings, "firefly:aws-secrets:denied/firefly"));
        return "loaded";
      }
    }));
    out.put("unavailable", attempt(() -> load(settings, "firefly:aws-secrets:busy/firefly")));
    Settings impatient = Settings.builder().put(Setting.AWS_ENDPOINT, endpoint).put(Setting.AWS_REGION, "us-east-1")
        .put("FIREFLY_AWS_ATTEMPT_TIMEOUT", "0.2").put("FIREFLY_AWS_TIMEOUT", "1").build();
    out.put("stalled", attempt(() -> load(impatient, "firefly:aws-secrets:slow/firefly")));
    return out;
  }

  private static String load(Settings settings, String locator) {
    try (AwsSecretsCredentialSource source = AwsSecretsCredentialSource.builder()
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDOTHER", "o-key")))
        .build()) {
      return source.load(context(settings, locator)).orElseThrow().clientId();
    }
  }

  private interface Step {
    String run() throws Exception;
  }

  private static String attempt(Step step) {
    try {
      return step.run();
    } catch (Exception | LinkageError e) {
      return "failed: " + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static SourceContext context(Settings settings, String locator) {
    return new SourceContext() {
      @Override
      public Settings settings() {
        return settings;
      }

      @Override
      public Optional<Locator> locator() {
        return Optional.of(Locator.parse(locator));
      }

      @Override
      public TimeSource time() {
        return TimeSource.system();
      }

      @Override
      public boolean bypassCaches() {
        return false;
      }

      @Override
      public Optional<ClientCredentials> notConfigured(String reason) {
        return Optional.empty();
      }

      @Override
      public void warn(String message) {}
    };
  }
}

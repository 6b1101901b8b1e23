package dev.fireflyauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testkit.TestSourceContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Choosing the HTTP client of our SDK clients: ours over java.net.http, or the one the SDK's own property names. */
class SdkHttpClientsTest {

  /**
   * An SDK HTTP plugin as an application might add one (registered nowhere, only named): it counts the
   * requests it carries, over our java.net.http client.
   */
  public static final class CountingHttpService implements SdkHttpService {
    static final AtomicInteger REQUESTS = new AtomicInteger();

    @Override
    public SdkHttpClient.Builder<?> createHttpClientBuilder() {
      return new CountingBuilder();
    }
  }

  static final class CountingBuilder implements SdkHttpClient.Builder<CountingBuilder> {
    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap defaults) {
      SdkHttpClient inner = JdkSdkHttpClient.create(Settings.builder().build(), Duration.ofSeconds(10));
      return new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
          CountingHttpService.REQUESTS.incrementAndGet();
          return inner.prepareRequest(request);
        }

        @Override
        public void close() {
          inner.close();
        }
      };
    }
  }

  private static SdkAutoCloseable apply(Settings settings) {
    return SdkHttpClients.apply(SecretsManagerClient.builder(), settings, CallTimeouts.from(settings));
  }

  @Test
  void ourJavaNetHttpClientByDefault() {
    try (SdkAutoCloseable http = apply(Settings.builder().build())) {
      assertInstanceOf(JdkSdkHttpClient.class, http, "we close the client we built");
    }
  }

  @Test
  void theNamedServiceIsUsedForRealCalls() {
    try (SecretsManagerStub aws = new SecretsManagerStub();
        AwsSecretsCredentialSource source = TestAws.source()) {
      aws.secretString("{\"client_id\":\"id\",\"client_secret\":\"s\"}");
      int before = CountingHttpService.REQUESTS.get();
      Settings s = Settings.builder()
          .put(dev.fireflyauth.Setting.AWS_ENDPOINT, aws.url())
          .systemProperties(Map.of(SdkHttpClients.SERVICE_PROPERTY, CountingHttpService.class.getName()))
          .build();
      assertEquals("id", source.load(TestSourceContext.of(s, "firefly:aws-secrets:x", new FakeTimeSource()))
          .orElseThrow().clientId());
      assertEquals(1, CountingHttpService.REQUESTS.get() - before);
      assertEquals(1, aws.count());
    }
  }

  @Test
  void aClassThatIsNotOnTheClassPath() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> apply(
        Settings.builder().put(SdkHttpClients.SERVICE_PROPERTY, "software.amazon.awssdk.http.apache.ApacheSdkHttpService")
            .build()));
    assertEquals("setting software.amazon.awssdk.http.service.impl names "
        + "software.amazon.awssdk.http.apache.ApacheSdkHttpService, which is not on the class path: add the SDK "
        + "HTTP client that provides it", e.getMessage());
  }

  @Test
  void aClassThatIsNotAnHttpService() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> apply(
        Settings.builder().put(SdkHttpClients.SERVICE_PROPERTY, "java.lang.StringBuilder").build()));
    assertEquals("setting software.amazon.awssdk.http.service.impl names java.lang.StringBuilder, which does not "
        + "implement software.amazon.awssdk.http.SdkHttpService", e.getMessage());
  }
}

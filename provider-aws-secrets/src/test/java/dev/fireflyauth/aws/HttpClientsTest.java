package dev.fireflyauth.aws;

import dev.fireflyauth.testing.TestSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testing.FakeTimeSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Choosing the SDK HTTP client: url-connection by default, or the one the SDK's own property names. */
class HttpClientsTest {
  private static final String URL_CONNECTION_SERVICE =
      "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService";

  @Test
  void urlConnectionByDefault() {
    assertInstanceOf(UrlConnectionHttpClient.Builder.class, HttpClients.builder(Settings.builder().build()));
  }

  @Test
  void theNamedServiceFromASystemProperty() {
    Settings s = Settings.builder().systemProperties(Map.of(HttpClients.SERVICE_PROPERTY, URL_CONNECTION_SERVICE))
        .build();
    try (SdkHttpClient client = HttpClients.builder(s).build()) {
      assertEquals("UrlConnection", client.clientName());
    }
  }

  @Test
  void theNamedServiceIsUsedForRealCalls() {
    try (SecretsManagerStub aws = new SecretsManagerStub();
        AwsSecretsCredentialSource source = TestAws.source()) {
      aws.secretString("{\"client_id\":\"id\",\"client_secret\":\"s\"}");
      Settings s = TestAws.settings(aws, HttpClients.SERVICE_PROPERTY, URL_CONNECTION_SERVICE);
      assertEquals("id", source.load(TestSourceContext.of(s, "firefly:aws-secrets:x", new FakeTimeSource()))
          .orElseThrow().clientId());
    }
  }

  @Test
  void aClassThatIsNotOnTheClassPath() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> HttpClients.builder(
        Settings.builder().put(HttpClients.SERVICE_PROPERTY, "software.amazon.awssdk.http.apache.ApacheSdkHttpService")
            .build()));
    assertEquals("setting software.amazon.awssdk.http.service.impl names "
        + "software.amazon.awssdk.http.apache.ApacheSdkHttpService, which is not on the class path: add the SDK "
        + "HTTP client that provides it", e.getMessage());
  }

  @Test
  void aClassThatIsNotAnHttpService() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> HttpClients.builder(
        Settings.builder().put(HttpClients.SERVICE_PROPERTY, "java.lang.StringBuilder").build()));
    assertEquals("setting software.amazon.awssdk.http.service.impl names java.lang.StringBuilder, which does not "
        + "implement software.amazon.awssdk.http.SdkHttpService", e.getMessage());
  }
}

package dev.fireflyauth.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A secret rotated in Secrets Manager while the app runs: IMS (a second WireMock) rejects the old secret, the
 * IMS provider re-loads the credentials from this source bypassing its TTL cache, and the token is obtained.
 */
class RotationWithImsTest {
  private final SecretsManagerStub aws = new SecretsManagerStub();
  private final WireMockServer ims = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final AwsSecretsCredentialSource source = TestAws.source();

  @AfterEach
  void stop() {
    source.close();
    aws.close();
    ims.stop();
  }

  private static String secret(String clientSecret) {
    return "{\"client_id\":\"rotating-client\",\"client_secret\":\"" + clientSecret + "\"}";
  }

  @Test
  void aSecretRotatedInSecretsManagerIsPickedUpWhenImsRejectsTheOldOne() {
    ims.start();
    ims.stubFor(post(urlEqualTo("/ims/token/v3")).withRequestBody(containing("client_secret=old-secret-value"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client_secret parameter\"}")));
    ims.stubFor(post(urlEqualTo("/ims/token/v3")).withRequestBody(containing("client_secret=new-secret-value"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"access_token\":\"token-after-rotation\",\"token_type\":\"bearer\",\"expires_in\":86399}")));
    aws.secretString(secret("old-secret-value"));

    try (FireflyAuth auth = FireflyAuth.builder()
        .classLoader(new URLClassLoader(new URL[0], getClass().getClassLoader()))
        .addSource(source)
        .settings(TestAws.settings(aws, Setting.IMS_URL.property(), "http://127.0.0.1:" + ims.port() + "/ims/token/v3"))
        .locators("firefly:aws-secrets:prod/firefly")
        .timeSource(new FakeTimeSource())
        .build()) {
      auth.credentials(); // the app starts with the old secret cached for the TTL
      aws.secretString(secret("new-secret-value")); // rotated in Secrets Manager

      assertEquals("token-after-rotation", auth.token().value().reveal());

      List<String> sent = ims.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
              urlEqualTo("/ims/token/v3"))).stream()
          .map(LoggedRequest::getBodyAsString)
          .map(b -> b.contains("old-secret-value") ? "old" : b.contains("new-secret-value") ? "new" : "?")
          .collect(Collectors.toList());
      assertEquals(List.of("old", "new"), sent);
      assertEquals(2, aws.count(), "one fetch at start, one forced by the rejection inside the TTL");
    }
  }
}

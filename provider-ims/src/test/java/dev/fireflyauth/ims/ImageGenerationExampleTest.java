package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireflyauth.ims.ImsFixture.CLIENT_ID;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.net.URI;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README example sends the two Firefly headers; WireMock plays both IMS and the Firefly API. */
class ImageGenerationExampleTest {
  @RegisterExtension static WireMockExtension peer = ImsFixture.wireMock();

  @Test
  void exampleSendsApiKeyAndBearerToken() throws Exception {
    peer.stubFor(ImsFixture.tokenPost().willReturn(ImsFixture.ok(TOKEN)));
    peer.stubFor(post(urlPathEqualTo("/v3/images/generate")).willReturn(okJson("{\"outputs\":[]}")));
    try (FireflyAuth auth = ImsFixture.auth(peer, new FakeTimeSource())) {
      int status = ImageGenerationExample.generate(auth, HttpClient.newHttpClient(),
          URI.create(peer.url("/v3/images/generate")), "a lighthouse").statusCode();
      assertEquals(200, status);
    }
    peer.verify(postRequestedFor(urlPathEqualTo("/v3/images/generate"))
        .withHeader("x-api-key", equalTo(CLIENT_ID))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }
}

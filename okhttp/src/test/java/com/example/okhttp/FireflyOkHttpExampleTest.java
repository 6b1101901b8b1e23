package com.example.okhttp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.ImsEmulatorExtension;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FireflyOkHttpExampleTest {
  @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();

  @Test
  void theExampleGeneratesWithValidHeadersAndOneExchange() throws Exception {
    WireMockServer firefly = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    firefly.start();
    try {
      firefly.stubFor(post(urlPathEqualTo("/v3/images/generate"))
          .andMatching(r -> MatchResult.of(ims.client().clientId().equals(r.getHeader("x-api-key"))
              && ims.emulator().isValidAuthorization(r.getHeader("Authorization"))))
          .willReturn(okJson("{\"outputs\":[]}")));
      Settings settings = Settings.builder()
          .put(Setting.IMS_URL, ims.tokenUrl().toString())
          .put(Setting.CLIENT_ID, ims.client().clientId())
          .put(Setting.CLIENT_SECRET, ims.client().clientSecret())
          .put("firefly.http.hosts", "localhost")
          .build();
      try (FireflyAuth auth = FireflyAuth.builder().settings(settings).build()) {
        OkHttpClient http = FireflyOkHttpExample.fireflyClient(auth, settings);
        String url = "http://localhost:" + firefly.port();

        assertEquals("200 {\"outputs\":[]}", FireflyOkHttpExample.generate(http, url));
        assertEquals("200 {\"outputs\":[]}", FireflyOkHttpExample.generate(http, url));
        assertEquals(1, ims.emulator().requestCount());
      }
    } finally {
      firefly.stop();
    }
  }
}

package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.fireflyauth.ims.ImsFixture.SECOND_SECRET;
import static dev.fireflyauth.ims.ImsFixture.SECRET;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static dev.fireflyauth.ims.ImsFixture.credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testing.LeakScan;
import dev.fireflyauth.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The leak scan itself: it sees what it must see, or its silence would prove nothing. */
class LeakScanTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  @Test
  void findsASecretOrTokenInAnyText() {
    assertEquals(1, LeakScan.leaks(List.of("fine", "oops " + SECRET)).size());
    assertEquals(1, LeakScan.leaks(List.of("Bearer " + TOKEN)).size());
    String encodable = LeakScan.sensitive("p8e+leak/scan \"quoted\"");
    assertEquals(1, LeakScan.leaks(List.of("client_secret="
        + java.net.URLEncoder.encode(encodable, java.nio.charset.StandardCharsets.UTF_8))).size(), "form-encoded");
    assertEquals(1, LeakScan.leaks(List.of("{\"client_secret\":\"p8e+leak\\/scan \\\"quoted\\\"\"}")).size(),
        "JSON-escaped");
    assertTrue(LeakScan.leaks(List.of("client ID ********7f3a")).isEmpty());
    String report = String.valueOf(LeakScan.leaks(List.of("oops " + SECRET)));
    assertTrue(!report.contains(SECRET) && !report.contains(SECRET.substring(0, 6)), "the report never shows it");
  }

  /** Also proves the scan is auto-registered: only its beforeEach lets FINE lines of the library through. */
  @Test
  void libraryLogLinesAtEveryLevelReachTheCapture() {
    ims.stubFor(ImsFixture.tokenPost().withFormParam("client_secret", equalTo(SECRET))
        .willReturn(ImsFixture.imsError(401, "invalid_client", "bad secret")));
    ims.stubFor(ImsFixture.tokenPost().withFormParam("client_secret", equalTo(SECOND_SECRET))
        .willReturn(ImsFixture.ok(TOKEN)));
    try (LogCapture logs = LogCapture.start();
        FireflyAuth auth = ImsFixture.auth(ims, new FakeTimeSource(),
            new FixtureSource(credentials(SECRET, SECOND_SECRET))).build()) {
      auth.token();
      String text = logs.text();
      assertTrue(text.contains("FINE POST " + ims.url(ImsFixture.PATH)), text);
      assertTrue(text.contains("FINE secret 1 of 2 rejected"), text);
      assertTrue(text.contains("WARNING IMS rejected 1 secret(s) of client ID"), text);
      assertTrue(text.contains("remove the retired secret from the source"), text);
      assertTrue(LeakScan.leaks(logs.lines()).isEmpty(), text);
    }
  }
}

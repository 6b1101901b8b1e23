package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireflyauth.ims.ImsFixture.PATH;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static dev.fireflyauth.ims.ImsFixture.json;
import static dev.fireflyauth.ims.ImsFixture.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 200 that does not carry a usable bearer token is a transient protocol error naming what is wrong. */
class ImsProtocolErrorTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  private String failureFor(String body) {
    TransientException e = ImsFixture.failureFor(ims, time, json(200, body), TransientException.class);
    assertTrue(e.getMessage().startsWith("IMS token endpoint " + ims.url(PATH) + " answered HTTP 200"),
        e.getMessage());
    ims.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
    return e.getMessage();
  }

  private AccessToken tokenFor(String body) {
    ims.stubFor(tokenPost().willReturn(json(200, body)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      return auth.token();
    }
  }

  private static String tokenJson(String type, String expiresIn) {
    return "{\"access_token\":\"" + TOKEN + "\",\"token_type\":" + type + ",\"expires_in\":" + expiresIn + "}";
  }

  @Test
  void bodyLargerThan64KiBIsRefused() {
    String big = "{\"access_token\":\"" + TOKEN + "\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
    assertTrue(failureFor(big).contains("with a body larger than 64 KiB (refused unread)"));
  }

  @Test
  void emptyBodyIsRefused() {
    assertTrue(failureFor("").contains("with an empty body instead of a JSON token"));
  }

  @Test
  void truncatedJsonIsRefusedWithoutQuotingIt() {
    String m = failureFor("{\"access_token\":\"" + TOKEN + "\",\"token_ty");
    assertTrue(m.contains("that is not valid JSON: unexpected end of input inside a string at line 1, column 61"), m);
  }

  @Test
  void jsonBeyondTheParserLimitsIsATypedTransientError() {
    String m = failureFor("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":" + "9".repeat(1500) + "}");
    assertTrue(m.contains("that is not valid JSON: number longer than 1000 characters at line 1, column 65"), m);
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    assertTrue(failureFor("[1,2]").contains("that is JSON but not an object"));
  }

  @Test
  void missingAccessTokenIsNamed() {
    assertTrue(failureFor("{\"token_type\":\"bearer\",\"expires_in\":3600}").contains("without a usable 'access_token'"));
  }

  @Test
  void missingTokenTypeIsNamed() {
    String m = failureFor("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600}");
    assertTrue(m.contains("'token_type' missing"), m);
  }

  @Test
  void tokenTypeOtherThanBearerIsNamed() {
    String m = failureFor(tokenJson("\"mac\"", "3600"));
    assertTrue(m.contains("'token_type' \"mac\"; only 'bearer' is supported"), m);
  }

  @Test
  void tokenTypeIsCaseInsensitive() {
    assertEquals("bearer", tokenFor(tokenJson("\"Bearer\"", "3600")).type());
  }

  @Test
  void missingExpiresInIsNamed() {
    assertTrue(failureFor("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\"}")
        .contains("without 'expires_in'"));
  }

  @Test
  void expiresInZeroIsRefused() {
    String m = failureFor(tokenJson("\"bearer\"", "0"));
    assertTrue(m.contains("'expires_in' 0; it must be a positive number of seconds"), m);
  }

  @Test
  void expiresInNegativeIsRefused() {
    String m = failureFor(tokenJson("\"bearer\"", "-5"));
    assertTrue(m.contains("'expires_in' -5; it must be a positive number of seconds"), m);
  }

  @Test
  void expiresInNotANumberIsRefused() {
    String m = failureFor(tokenJson("\"bearer\"", "\"abc\""));
    assertTrue(m.contains("'expires_in' a string that is not a number, which is not a whole number of seconds"), m);
  }

  @Test
  void expiresInMisScaledAsMillisecondsIsClampedTo24Hours() {
    AccessToken t = tokenFor(tokenJson("\"bearer\"", "86399000"));
    assertEquals(Duration.ofHours(24), t.lifetime());
    assertEquals(time.now().plus(Duration.ofHours(24)), t.expiresAt().orElseThrow());
  }

  @Test
  void expiresInAsNumericStringIsAccepted() {
    assertEquals(Duration.ofSeconds(3600), tokenFor(tokenJson("\"bearer\"", "\"3600\"")).lifetime());
  }

  @Test
  void hugeExpiresInDoesNotOverflow() {
    assertEquals(Duration.ofHours(24), tokenFor(tokenJson("\"bearer\"", "99999999999999999999999")).lifetime());
  }
}

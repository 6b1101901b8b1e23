package dev.fireflyauth.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PeerTextTest {
  private static final String SECRET = "p8e-a+b/c=d&e f\"g";
  private static final List<Secret> KNOWN = List.of(Secret.of(SECRET));

  @Test
  void knownSecretsAreRemovedInEveryEncodingAnEchoMayUse() {
    String form = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    String echo = "raw " + SECRET + " form " + form + " pct " + form.replace("+", "%20") + " lower "
        + form.toLowerCase() + " json " + SECRET.replace("\"", "\\\"").replace("/", "\\/");
    String clean = PeerText.clean(echo, KNOWN, 1000);
    assertFalse(clean.contains("a+b"), clean);
    assertFalse(clean.toLowerCase().contains(form.toLowerCase()), clean);
    assertFalse(clean.contains("p8e-a"), clean);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "client_secret=abcdefgh123&x=1",
    "{\"client_secret\":\"abcdefgh123\"}",
    "access_token: abcdefgh123",
    "Authorization: Bearer abcdefgh123",
    "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/x, SignedHeaders=host, Signature=abcdefgh123",
    "got bearer abcdefgh123 back",
    "X-Amz-Security-Token=abcdefgh123",
    "password=abcdefgh123",
    "https://bucket.s3.amazonaws.com/k?X-Amz-Signature=abcdefgh123&X-Amz-Date=1",
    "Credential=AKIA/20261201/us-east-1, Signature=abcdefgh123"
  })
  void credentialShapedTextIsRedactedEvenWhenTheValueIsNotKnown(String text) {
    String clean = PeerText.clean(text, List.of());
    assertFalse(clean.contains("abcdefgh123"), clean);
    assertTrue(clean.contains("[redacted]"), clean);
  }

  @Test
  void controlCharactersBecomeSpacesSoOneLineStaysOneLine() {
    assertEquals("a b c d", PeerText.clean("a\r\nb\u0000c\u2028d", List.of()));
  }

  @Test
  void lengthIsCappedWithoutSplittingASurrogatePair() {
    String s = "x".repeat(9) + "😀" + "y".repeat(50);
    String clean = PeerText.clean(s, List.of(), 11);
    assertEquals("x".repeat(9) + "…", clean);
    assertEquals(PeerText.DEFAULT_MAX_LENGTH, PeerText.clean("z ".repeat(400), List.of()).length());
  }

  @Test
  void longOpaqueRunsAreDroppedAndOrdinaryTextIsKept() {
    String jwt = "eyJ" + "a".repeat(150);
    assertEquals("token [redacted] end", PeerText.clean("token " + jwt + " end", List.of()));
    assertEquals("invalid_scope: scope firefly_api is not allowed",
        PeerText.clean("invalid_scope: scope firefly_api is not allowed", KNOWN));
    assertEquals("", PeerText.clean(null, KNOWN));
  }
}

package dev.fireflyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import dev.fireflyauth.testing.FakeTimeSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private static final String SECRET = "p8e-SuperSecretValue-123";
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.the-token-value";

  @Test
  void secretNeverShowsItsValue() {
    Secret s = Secret.of(SECRET);
    assertEquals("Secret[redacted]", s.toString());
    assertEquals("Secret[redacted]", String.valueOf(s));
    assertEquals(SECRET, s.reveal());
    assertEquals(SECRET.length(), s.length());
  }

  @Test
  void secretRefusesBlank() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Secret.of("  "));
    assertEquals("a secret must not be empty or blank", e.getMessage());
  }

  @Test
  void secretEquality() {
    new EqualsTester()
        .addEqualityGroup(Secret.of("a-secret"), Secret.of("a-secret"))
        .addEqualityGroup(Secret.of("b-secret"))
        .testEquals();
  }

  @Test
  void publicMethodsRejectNulls() throws Exception {
    NullPointerTester npt = new NullPointerTester()
        .ignore(ClientCredentials.Builder.class.getMethod("orgId", String.class)); // null clears it
    npt.testAllPublicStaticMethods(Secret.class);
    npt.testAllPublicStaticMethods(Locator.class);
    npt.testAllPublicStaticMethods(Setting.class);
    npt.testAllPublicInstanceMethods(ClientCredentials.builder());
  }

  @Test
  void credentialsToStringShowsNoSecretAndMasksTheId() {
    ClientCredentials c = ClientCredentials.builder()
        .clientId("0123456789abcdef")
        .addSecret(Secret.of(SECRET))
        .addSecret(Secret.of(SECRET + "-old"))
        .scopes("openid, firefly_api,,openid")
        .orgId("ORG@AdobeOrg")
        .origin("env FIREFLY_SERVICES_CLIENT_ID")
        .build();
    String s = c.toString();
    assertFalse(s.contains(SECRET), s);
    assertFalse(s.contains("0123456789abcdef"), s);
    assertTrue(s.contains("********cdef"), s);
    assertTrue(s.contains("secrets=2"), s);
    assertEquals(List.of("openid", "firefly_api"), c.scopes());
    assertFalse(c.toBuilder().toString().contains(SECRET));
  }

  @Test
  void credentialsDefaultScopesAndEquality() {
    ClientCredentials a = ClientCredentials.builder().clientId("id").origin("o").build();
    assertEquals(ClientCredentials.DEFAULT_SCOPES, a.scopes());
    assertFalse(a.hasSecret());
    new EqualsTester()
        .addEqualityGroup(a, a.toBuilder().build())
        .addEqualityGroup(a.toBuilder().addSecret(Secret.of("x-secret")).build())
        .addEqualityGroup(a.toBuilder().origin("other").build())
        .testEquals();
  }

  @Test
  void credentialsNeedIdAndOrigin() {
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> ClientCredentials.builder().origin("o").build());
    assertEquals("clientId", npe.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClientCredentials.builder().clientId(" ").origin("o").build());
    assertEquals("clientId must not be blank", e.getMessage());
  }

  @Test
  void maskKeepsOnlyTheLastFourCharacters() {
    assertEquals("****", ClientCredentials.mask("abcd"));
    assertEquals("**cdef", ClientCredentials.mask("abcdef"));
    assertEquals("********7890", ClientCredentials.mask("a-very-long-client-id-1234567890"));
  }

  @Test
  void accessTokenKeepsAMonotonicDeadlineAndHidesItsValue() {
    FakeTimeSource time = new FakeTimeSource();
    AccessToken t = AccessToken.issued(Secret.of(TOKEN), "bearer", Duration.ofHours(1), time);
    assertFalse(t.toString().contains(TOKEN), t.toString());
    assertEquals("Bearer " + TOKEN, t.authorizationHeader());
    assertEquals(time.now().plus(Duration.ofHours(1)), t.expiresAt().orElseThrow());
    assertFalse(t.isExpiredAt(time.nanoTime()));
    time.jumpWallClock(Duration.ofDays(2));
    assertFalse(t.isExpiredAt(time.nanoTime()));
    time.advance(Duration.ofHours(1));
    assertTrue(t.isExpiredAt(time.nanoTime()));
  }

  @Test
  void accessTokenClamp() {
    FakeTimeSource time = new FakeTimeSource();
    AccessToken t = AccessToken.issued(Secret.of(TOKEN), "bearer", Duration.ofDays(1000), time);
    AccessToken c = t.withMaxLifetime(Duration.ofHours(24));
    assertEquals(Duration.ofHours(24), c.lifetime());
    assertEquals(time.now().plus(Duration.ofHours(24)), c.expiresAt().orElseThrow());
    assertEquals(c, c.withMaxLifetime(Duration.ofHours(25)) == c ? c : null);
  }

  @Test
  void accessTokenWithoutExpiryNeverExpires() {
    AccessToken t = AccessToken.withoutExpiry(Secret.of(TOKEN), "bearer");
    assertTrue(t.expiresAt().isEmpty());
    assertFalse(t.isExpiredAt(Long.MAX_VALUE));
    assertTrue(t.toString().contains("expiresAt=unknown"));
  }

  @Test
  void accessTokenRefusesNonPositiveLifetime() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AccessToken.issued(Secret.of(TOKEN), "bearer", Duration.ZERO, new FakeTimeSource()));
    assertEquals("lifetime must be positive, was PT0S", e.getMessage());
  }

  @Test
  void exceptionKinds() {
    assertEquals(FireflyAuthException.Kind.NOT_FOUND, new CredentialsNotFoundException("m", List.of()).kind());
    assertEquals(FireflyAuthException.Kind.BROKEN, new ConfigurationException("m").kind());
    assertEquals(FireflyAuthException.Kind.BROKEN, new CredentialSourceException("file", "m").kind());
    assertEquals(FireflyAuthException.Kind.REJECTED, new CredentialsRejectedException("m").kind());
    assertEquals(FireflyAuthException.Kind.TRANSIENT, new TransientException("m", null).kind());
    assertEquals(Duration.ofSeconds(2),
        new TransientException("m", null, Duration.ofSeconds(2)).retryAfter().orElseThrow());
  }
}

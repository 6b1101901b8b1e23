package dev.fireflyauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The check a test makes on what an app sends downstream: was this token issued here, and is it still valid. */
class TokenValidityTest {
  private final FakeTimeSource time = new FakeTimeSource();
  private final ImsEmulator ims = ImsEmulator.builder().timeSource(time).expiresIn(Duration.ofHours(1)).build();
  private final RegisteredClient client = ims.registerClient();
  private final Http http = new Http();

  @AfterEach
  void close() {
    ims.close();
  }

  private String issue() {
    return Http.accessToken(http.token(ims.tokenUrl(), client));
  }

  @Test
  void anIssuedTokenIsValidAndKnowsItsClient() {
    String token = issue();
    assertTrue(ims.isValidToken(token));
    assertEquals(Optional.of(client.clientId()), ims.clientIdOf(token));
  }

  @Test
  void aTokenExpiresOnTheEmulatorsClock() {
    String token = issue();
    time.advance(Duration.ofHours(1).minusSeconds(1));
    assertTrue(ims.isValidToken(token));
    time.advance(Duration.ofSeconds(1));
    assertFalse(ims.isValidToken(token));
    assertEquals(Optional.empty(), ims.clientIdOf(token));
  }

  @Test
  void aWallClockJumpDoesNotExpireATokenEarly() {
    String token = issue();
    time.jumpWallClock(Duration.ofDays(2));
    assertTrue(ims.isValidToken(token));
  }

  @Test
  void aTokenNotIssuedHereIsInvalid() {
    assertFalse(ims.isValidToken("made-up-token"));
    assertFalse(ims.isValidToken(""));
    assertFalse(ims.isValidToken(null));
  }

  @Test
  void aTokenFromAnotherEmulatorIsInvalid() {
    try (ImsEmulator other = ImsEmulator.start()) {
      RegisteredClient c = other.registerClient();
      assertFalse(ims.isValidToken(Http.accessToken(http.token(other.tokenUrl(), c))));
    }
  }

  @Test
  void aBearerHeaderWithAValidTokenIsValid() {
    String token = issue();
    assertTrue(ims.isValidAuthorization("Bearer " + token));
    assertTrue(ims.isValidAuthorization("bearer " + token), "the scheme is case-insensitive");
  }

  @Test
  void aHeaderWithoutTheBearerSchemeIsInvalid() {
    String token = issue();
    assertFalse(ims.isValidAuthorization(token));
    assertFalse(ims.isValidAuthorization("Basic " + token));
    assertFalse(ims.isValidAuthorization("Bearer"));
    assertFalse(ims.isValidAuthorization(null));
  }

  @Test
  void aBearerHeaderWithAnExpiredTokenIsInvalid() {
    String header = "Bearer " + issue();
    time.advance(Duration.ofHours(2));
    assertFalse(ims.isValidAuthorization(header));
  }
}

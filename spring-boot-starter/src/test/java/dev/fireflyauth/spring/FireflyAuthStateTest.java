package dev.fireflyauth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The states the health indicator reports that a live exchange cannot reach quickly: expiry and stale-on-error. */
class FireflyAuthStateTest {
  final FakeTimeSource time = new FakeTimeSource();
  final FireflyAuthState state = new FireflyAuthState(time);
  final FireflyHealthIndicator indicator = new FireflyHealthIndicator(state);
  final AccessToken token = AccessToken.issued(Secret.of("the-token-value"), "bearer", Duration.ofMinutes(60), time)
      .withOrigin("ims via test");

  @Test
  void upWithTheLastRefreshFailureWhileTheCachedTokenIsStillServed() {
    state.onRefresh(token, Duration.ofMillis(5));
    time.advance(Duration.ofMinutes(55));
    state.onFailure(new TransientException("IMS answered 503", null), 2, Duration.ofSeconds(8), true,
        Duration.ofMillis(5));

    Health health = indicator.health();

    assertEquals(Status.UP, health.getStatus());
    assertEquals(300L, health.getDetails().get("expiresInSeconds"));
    assertEquals("TRANSIENT", health.getDetails().get("lastRefreshFailed"));
    assertEquals(2, health.getDetails().get("consecutiveFailures"));
    assertEquals("ims via test", health.getDetails().get("origin"));
    assertThat(health.toString()).doesNotContain("the-token-value").doesNotContain("503");
  }

  @Test
  void downOnceTheTokenExpiredAfterFailedRefreshes() {
    state.onRefresh(token, Duration.ofMillis(5));
    state.onFailure(new TransientException("IMS answered 503", null), 3, Duration.ofSeconds(8), true,
        Duration.ofMillis(5));
    time.advance(Duration.ofMinutes(61));

    assertEquals(Map.of("error", "TRANSIENT", "consecutiveFailures", 3), indicator.health().getDetails());
    assertEquals(Status.DOWN, indicator.health().getStatus());
    assertThat(state.snapshot().timeToExpiry()).contains(Duration.ZERO);
  }

  @Test
  void unknownOnceTheTokenExpiredWithNobodyAskingForAnother() {
    state.onRefresh(token, Duration.ofMillis(5));
    time.advance(Duration.ofMinutes(60));

    Health health = indicator.health();

    assertEquals(Status.UNKNOWN, health.getStatus());
    assertEquals("expired, none requested since", health.getDetails().get("token"));
    assertThat(health.getDetails()).containsKey("expiredAt");
  }

  @Test
  void aSuccessClearsTheFailureAndAFailureOfAnotherTypeIsOther() {
    state.onFailure(new IllegalStateException("closed"), 1, Duration.ofSeconds(1), false, Duration.ZERO);
    assertThat(state.snapshot().lastFailure()).contains("OTHER");
    state.onRefresh(token, Duration.ofMillis(5));
    assertThat(state.snapshot().lastFailure()).isEmpty();
    assertEquals(0, state.snapshot().consecutiveFailures());
  }

  @Test
  void aTokenWithoutKnownExpiryIsUpWithoutSeconds() {
    state.onRefresh(AccessToken.withoutExpiry(Secret.of("ready-made"), "bearer"), Duration.ZERO);

    Health health = indicator.health();

    assertEquals(Status.UP, health.getStatus());
    assertThat(health.getDetails()).doesNotContainKeys("expiresInSeconds", "expiresAt");
    assertThat(state.snapshot().timeToExpiry()).isEmpty();
    assertThat(state.toString()).doesNotContain("ready-made");
  }
}

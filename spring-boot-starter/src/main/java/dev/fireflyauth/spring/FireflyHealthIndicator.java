package dev.fireflyauth.spring;

import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code firefly} health component: the state of the cached token, from {@link FireflyAuthState}, without
 * asking for a token (a probe never starts an exchange).
 *
 * <ul>
 *   <li>{@code UNKNOWN} before the first token or failure, or when the last token expired and none was asked for
 *       since;
 *   <li>{@code UP} with {@code expiresInSeconds}, {@code expiresAt}, {@code source} ({@code exchange} or
 *       {@code store}) and {@code origin} while a valid token is cached, with {@code lastRefreshFailed} (a kind)
 *       when a refresh failed and the cached token is still served;
 *   <li>{@code DOWN} with {@code error} (the failure kind: {@code NOT_FOUND}, {@code BROKEN}, {@code REJECTED},
 *       {@code TRANSIENT}, {@code OTHER}) and {@code consecutiveFailures} when there is no valid token and the last
 *       exchange failed.
 * </ul>
 *
 * <p>Why it exists: "can this app still call Firefly" is an operational question; the answer must be cheap and
 * must never show a token, a secret or a peer's error text (details carry kinds and counts only).
 */
public final class FireflyHealthIndicator implements HealthIndicator {
  private final FireflyAuthState state;

  public FireflyHealthIndicator(FireflyAuthState state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  @Override
  public Health health() {
    FireflyAuthState.Snapshot s = state.snapshot();
    if (s.hasValidToken()) {
      Health.Builder up = Health.up();
      s.timeToExpiry().ifPresent(d -> up.withDetail("expiresInSeconds", d.toSeconds()));
      s.expiresAt().ifPresent(at -> up.withDetail("expiresAt", at.toString()));
      up.withDetail("source", s.fromStore() ? "store" : "exchange");
      s.origin().ifPresent(o -> up.withDetail("origin", o));
      s.lastFailure().ifPresent(kind -> up.withDetail("lastRefreshFailed", kind)
          .withDetail("consecutiveFailures", s.consecutiveFailures()));
      return up.build();
    }
    if (s.lastFailure().isPresent()) {
      return Health.down().withDetail("error", s.lastFailure().get())
          .withDetail("consecutiveFailures", s.consecutiveFailures()).build();
    }
    if (s.nothingYet()) {
      return Health.unknown().withDetail("token", "none requested yet").build();
    }
    Health.Builder expired = Health.unknown().withDetail("token", "expired, none requested since");
    s.expiresAt().ifPresent(at -> expired.withDetail("expiredAt", at.toString()));
    return expired.build();
  }
}

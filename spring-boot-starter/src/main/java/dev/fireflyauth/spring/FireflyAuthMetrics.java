package dev.fireflyauth.spring;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.cache.TokenCacheListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Micrometer meters for the token cache, fed by its listener events:
 *
 * <ul>
 *   <li>{@code firefly.auth.exchanges} (counter), tag {@code outcome}: {@code success} (a token from IMS or another
 *       provider), {@code store} (a token read from a token store), {@code failure};
 *   <li>{@code firefly.auth.exchange} (timer), same tag: how long obtaining a token took;
 *   <li>{@code firefly.auth.token.expiry} (gauge, seconds): until the cached token expires, {@code NaN} before the
 *       first token or when its expiry is unknown.
 * </ul>
 *
 * <p>Why it exists: token refreshes are rare and silent; an alert on failures or on a falling expiry gauge is the
 * way to see an outage or a rotation going wrong before requests fail. Thread-safe (Micrometer meters are).
 */
public final class FireflyAuthMetrics implements TokenCacheListener {
  /** The counter's name. */
  public static final String EXCHANGES = "firefly.auth.exchanges";
  /** The timer's name. */
  public static final String EXCHANGE = "firefly.auth.exchange";
  /** The gauge's name. */
  public static final String EXPIRY = "firefly.auth.token.expiry";

  private final Counter success;
  private final Counter store;
  private final Counter failure;
  private final Timer successTime;
  private final Timer storeTime;
  private final Timer failureTime;

  /** Registers the meters in {@code registry}; the gauge reads {@code state}, which must be a listener too. */
  public FireflyAuthMetrics(MeterRegistry registry, FireflyAuthState state) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(state, "state");
    success = counter(registry, "success");
    store = counter(registry, "store");
    failure = counter(registry, "failure");
    successTime = timer(registry, "success");
    storeTime = timer(registry, "store");
    failureTime = timer(registry, "failure");
    Gauge.builder(EXPIRY, state, FireflyAuthMetrics::secondsToExpiry)
        .description("Seconds until the cached Firefly access token expires")
        .baseUnit("seconds")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder(EXCHANGES).tag("outcome", outcome)
        .description("Firefly access tokens obtained (success, store) or failed (failure)").register(registry);
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder(EXCHANGE).tag("outcome", outcome)
        .description("How long obtaining a Firefly access token took").register(registry);
  }

  private static double secondsToExpiry(FireflyAuthState state) {
    return state.snapshot().timeToExpiry().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
  }

  @Override
  public void onRefresh(AccessToken token, Duration took) {
    (token.fromStore() ? store : success).increment();
    (token.fromStore() ? storeTime : successTime).record(took);
  }

  @Override
  public void onFailure(
      RuntimeException error, int consecutiveFailures, Duration nextAttemptIn, boolean stillValid, Duration took) {
    failure.increment();
    failureTime.record(took);
  }
}

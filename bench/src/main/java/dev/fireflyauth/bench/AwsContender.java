package dev.fireflyauth.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.NonBlocking;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * AWS SDK v2 {@code CachedSupplier}, in the three ways the benchmark configures it.
 *
 * <ul>
 *   <li>{@link Mode#BLOCKING} and {@link Mode#NON_BLOCKING}: as the SDK's own STS and SSO credential providers
 *       configure it: stale 1 min and prefetch 5 min before expiry, {@code STRICT}, with {@code OneCallerBlocks}
 *       (the default) or {@code NonBlocking} prefetching.
 *   <li>{@link Mode#ALLOW}: the most forgiving configuration a user could choose, to give AWS the same refresh
 *       lead as ours: prefetch 10 % of the lifetime before expiry, stale 1 min before, and
 *       {@code StaleValueBehavior.ALLOW} (on a failed refresh after the stale time it keeps serving the cached
 *       value, even past its expiry).
 * </ul>
 * The SDK jitters the prefetch time up to one minute before the stale time (not configurable from outside its
 * package), so its real lead is random between that point and the configured one.
 */
final class AwsContender implements Contender {
  enum Mode { BLOCKING, NON_BLOCKING, ALLOW }

  private final CachedSupplier<String> cache;

  AwsContender(FakeIms ims, Clock clock, Mode mode) {
    CachedSupplier.Builder<String> b =
        CachedSupplier.builder(
                () -> {
                  FakeIms.Issued t = ims.exchange();
                  Instant expiry = clock.instant().plus(t.lifetime);
                  Duration prefetch = mode == Mode.ALLOW ? t.lifetime.dividedBy(10) : Duration.ofMinutes(5);
                  return RefreshResult.builder(t.value)
                      .staleTime(expiry.minus(Duration.ofMinutes(1)))
                      .prefetchTime(expiry.minus(prefetch))
                      .build();
                })
            .cachedValueName("firefly-bench")
            .clock(clock);
    if (mode == Mode.NON_BLOCKING) {
      b.prefetchStrategy(new NonBlocking("firefly-bench-aws"));
    }
    if (mode == Mode.ALLOW) {
      b.staleValueBehavior(CachedSupplier.StaleValueBehavior.ALLOW);
    }
    this.cache = b.build();
  }

  @Override
  public String token() {
    return cache.get();
  }

  @Override
  public void close() {
    cache.close();
  }
}

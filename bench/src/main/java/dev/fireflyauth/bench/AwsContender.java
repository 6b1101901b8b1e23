package dev.fireflyauth.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.NonBlocking;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * AWS SDK v2 {@code CachedSupplier} configured the way the SDK's own STS and SSO credential providers configure
 * it: stale 1 min and prefetch 5 min before expiry, {@code OneCallerBlocks} (default) or {@code NonBlocking}.
 */
final class AwsContender implements Contender {
  private final CachedSupplier<String> cache;

  AwsContender(FakeIms ims, Clock clock, boolean nonBlocking) {
    CachedSupplier.Builder<String> b =
        CachedSupplier.builder(
                () -> {
                  FakeIms.Issued t = ims.exchange();
                  Instant expiry = clock.instant().plus(t.lifetime);
                  return RefreshResult.builder(t.value)
                      .staleTime(expiry.minus(1, ChronoUnit.MINUTES))
                      .prefetchTime(expiry.minus(5, ChronoUnit.MINUTES))
                      .build();
                })
            .cachedValueName("firefly-bench")
            .clock(clock);
    if (nonBlocking) {
      b.prefetchStrategy(new NonBlocking("firefly-bench-aws"));
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

package dev.fireflyauth.bench;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.cache.TokenCache;

/** Ours: {@link TokenCache} with every default (refresh window, jitter, backoff, its own refresh threads). */
final class FireflyContender implements Contender {
  private final TokenCache cache;

  FireflyContender(FakeIms ims, TimeSource time) {
    this.cache =
        TokenCache.builder(
                () -> {
                  FakeIms.Issued t = ims.exchange();
                  return AccessToken.issued(Secret.of(t.value), "bearer", t.lifetime, time);
                })
            .timeSource(time)
            .build();
  }

  @Override
  public AccessToken token() {
    return cache.token();
  }

  @Override
  public void close() {
    cache.close();
  }
}

package dev.fireflyauth.bench;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.SimpleTokenCache;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * Azure Core {@code SimpleTokenCache} as its Javadoc sample builds it (a supplier of {@code Mono<AccessToken>}),
 * default 5-minute refresh offset and 30 s retry delay, called synchronously with {@code getToken().block()}.
 * It reads the system clock directly, so it runs only in real-time scenarios.
 */
final class AzureContender implements Contender {
  private final SimpleTokenCache cache;

  AzureContender(FakeIms ims) {
    this.cache =
        new SimpleTokenCache(
            () ->
                Mono.fromCallable(
                    () -> {
                      FakeIms.Issued t = ims.exchange();
                      return new AccessToken(t.value, OffsetDateTime.now().plus(t.lifetime));
                    }));
  }

  @Override
  public AccessToken token() {
    return cache.getToken().block();
  }
}

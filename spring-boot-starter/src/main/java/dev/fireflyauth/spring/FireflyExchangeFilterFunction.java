package dev.fireflyauth.spring;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import dev.fireflyauth.spi.support.HostAllowList;

/**
 * The {@code WebClient} counterpart of {@link FireflyClientHttpRequestInterceptor}: the two Firefly headers for
 * hosts in {@code firefly.http.hosts} only, and on a 401 from such a host the token that request carried is dropped
 * and the request retried once with a new one.
 *
 * <p>Why it exists: a reactive pipeline must never block. The token comes from {@link FireflyAuth#tokenAsync()},
 * which completes at once when a token is cached and otherwise when the one shared exchange completes, on the
 * token provider's thread; the {@code x-api-key} comes from the token when its provider knows the client ID (IMS
 * and token-store tokens do), else it is looked up on Reactor's bounded-elastic scheduler.
 *
 * <p>Rules as for the interceptor: a request that already carries {@code Authorization} is left alone; an allowed
 * host over plain {@code http} (not loopback) fails the exchange with a
 * {@link dev.fireflyauth.ConfigurationException}; a failure to get a token fails it with the library's
 * {@link FireflyAuthException}. The retry re-sends the request's body inserter, as {@code retry()} would.
 *
 * <p>Thread-safe.
 */
public final class FireflyExchangeFilterFunction implements ExchangeFilterFunction {
  private final FireflyAuth auth;
  private final RequestGate gate;

  /**
   * Signs requests for the hosts {@code firefly.http.hosts} names in {@code settings}, else {@code *.adobe.io}.
   *
   * @throws dev.fireflyauth.ConfigurationException naming the setting and where it was read when a pattern is
   *     malformed
   */
  public FireflyExchangeFilterFunction(FireflyAuth auth, Settings settings) {
    this(auth, new RequestGate(HostAllowList.from(Objects.requireNonNull(settings, "settings"))));
  }

  FireflyExchangeFilterFunction(FireflyAuth auth, RequestGate gate) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.gate = gate;
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    boolean signs;
    try {
      signs = gate.signs(request.url(), request.headers());
    } catch (FireflyAuthException e) {
      return Mono.error(e);
    }
    if (!signs) {
      return next.exchange(request);
    }
    return token().flatMap(sent -> send(request, sent, next).flatMap(response -> {
      if (response.statusCode().value() != 401) {
        return Mono.just(response);
      }
      auth.invalidate(sent);
      return token().flatMap(fresh -> fresh.sameValueAs(sent)
          ? Mono.just(response) // no other token to be had (a ready-made one): the 401 is the caller's
          : response.releaseBody().then(send(request, fresh, next)));
    }));
  }

  private Mono<AccessToken> token() {
    // Deferred per subscription; suppressCancel: cancelling one request must not cancel a future others share.
    return Mono.fromFuture(auth::tokenAsync, true);
  }

  private Mono<ClientResponse> send(ClientRequest request, AccessToken token, ExchangeFunction next) {
    return headers(token).flatMap(h -> next.exchange(ClientRequest.from(request).headers(hh -> h.forEach(hh::set))
        .build()));
  }

  private Mono<Map<String, String>> headers(AccessToken token) {
    if (token.clientId().isPresent()) {
      return Mono.fromCallable(() -> auth.headers(token)); // nothing to resolve: no blocking
    }
    return Mono.fromCallable(() -> auth.headers(token)).subscribeOn(Schedulers.boundedElastic());
  }

  /** The host patterns; never a token. */
  @Override
  public String toString() {
    return "FireflyExchangeFilterFunction{" + gate + '}';
  }
}

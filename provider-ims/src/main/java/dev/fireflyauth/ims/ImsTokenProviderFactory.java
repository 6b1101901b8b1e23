package dev.fireflyauth.ims;

import com.google.auto.service.AutoService;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.cache.Backoff;
import dev.fireflyauth.cache.TokenCache;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import dev.fireflyauth.spi.support.HttpClients;
import dev.fireflyauth.spi.support.OwnedHttpClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Exchanges the client credentials found by the chain for an access token at Adobe IMS
 * ({@code client_credentials} grant), behind a {@link TokenCache}: one exchange per token lifetime, proactive
 * refresh, single flight, stale-on-error, and, when a token store is configured, shared with other processes.
 *
 * <p>Why it exists: it is the second link of the default token chain (after a ready-made
 * {@code FIREFLY_SERVICES_ACCESS_TOKEN}). Discovered with {@link java.util.ServiceLoader}; to give it the
 * application's {@link HttpClient} (proxy, {@code SSLContext}, authenticator) or another retry policy, build
 * one with {@link #builder()} and pass it to {@link dev.fireflyauth.FireflyAuth.Builder#addTokenProviderFactory}:
 *
 * <pre>{@code
 * FireflyAuth auth = FireflyAuth.builder()
 *     .addTokenProviderFactory(ImsTokenProviderFactory.builder().httpClient(appHttpClient).build())
 *     .build();
 * }</pre>
 *
 * <p>Without a client given, each provider it creates builds one {@link HttpClient} on its first exchange
 * (HTTP/1.1, no redirects, the connect timeout, the proxy of {@code https.proxyHost} or else of
 * {@code HTTPS_PROXY}/{@code NO_PROXY}) and reuses it for every exchange; it is closed with the provider on
 * JDK 21+. A client given here is the application's: reused by every provider, never closed by us. Each
 * provider belongs to one {@link dev.fireflyauth.FireflyAuth}; nothing is static. Immutable and thread-safe.
 */
@AutoService(TokenProviderFactory.class)
public final class ImsTokenProviderFactory implements TokenProviderFactory {
  /** TCP connect timeout for the token endpoint; seconds or ISO-8601, default 10 s. */
  public static final Setting CONNECT_TIMEOUT =
      Setting.of("firefly.ims.connect.timeout", "FIREFLY_IMS_CONNECT_TIMEOUT");
  /** Timeout for one token request, whole reply included; seconds or ISO-8601, default 30 s. */
  public static final Setting REQUEST_TIMEOUT =
      Setting.of("firefly.ims.request.timeout", "FIREFLY_IMS_REQUEST_TIMEOUT");

  /** The longest token lifetime believed, whatever {@code expires_in} says. */
  static final Duration MAX_LIFETIME = Duration.ofHours(24);

  private final int maxAttempts;
  private final Duration retryDeadline;
  private final Backoff retryBackoff;
  private final Backoff refreshBackoff;
  private final HttpClient httpClient;

  /** The default policy: 3 attempts within 30 s per exchange, our own HTTP client; for {@link java.util.ServiceLoader}. */
  public ImsTokenProviderFactory() {
    this(builder());
  }

  private ImsTokenProviderFactory(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.retryDeadline = b.retryDeadline;
    this.retryBackoff = b.retryBackoff;
    this.refreshBackoff = b.refreshBackoff;
    this.httpClient = b.httpClient;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "ims";
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public Optional<TokenProvider> create(TokenContext context) {
    ImsEndpoint endpoint = ImsEndpoint.from(context.settings());
    SecretRotation.requireSecret(context.credentials().get());
    TimeSource time = context.time();
    OwnedHttpClient client = new OwnedHttpClient(httpClient, () -> HttpClients.newClient(context.settings(),
        endpoint.connectTimeout()));
    ImsTokenRequest post = new ImsTokenRequest(
        endpoint, new ImsResponseParser(time, MAX_LIFETIME), new ImsErrorClassifier(endpoint.uri(), time), client);
    RetryPolicy retrying =
        new RetryPolicy(post, maxAttempts, retryDeadline, endpoint.requestTimeout(), retryBackoff, time);
    TokenCache.Builder cache = TokenCache.builder(new SecretRotation(retrying, context.credentials()))
        .timeSource(time)
        .threadName("firefly-auth-ims-refresh")
        .maxLifetime(MAX_LIFETIME)
        .backoff(refreshBackoff)
        .listener(context.listener())
        .closing(post) // cancels a POST in flight
        .closing(client);
    context.executor().ifPresent(cache::executor);
    // Another process's exchange is worth waiting for as long as our own could take.
    context.sharedTier(endpoint.uri(), retrying.deadline()).ifPresent(cache::sharedTier);
    context.usedBecause("exchanges client credentials at " + endpoint.uri());
    return Optional.of(cache.build());
  }

  @Override
  public String toString() {
    return "ImsTokenProviderFactory{attempts=" + maxAttempts + ", deadline=" + retryDeadline
        + (httpClient == null ? "" : ", application HttpClient") + '}';
  }

  /** Configures an {@link ImsTokenProviderFactory}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration retryDeadline = Duration.ofSeconds(30);
    private Backoff retryBackoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5);
    private Backoff refreshBackoff = Backoff.defaults();
    private HttpClient httpClient;

    private Builder() {}

    /**
     * The application's {@link HttpClient} (its proxy, {@code SSLContext}, authenticator, executor), reused for
     * every exchange and never closed by us. It should not follow redirects (a redirect would carry the
     * client secret elsewhere): one that does is used anyway, but IMS never redirects a token request.
     *
     * @throws NullPointerException if {@code client} is null
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Transient failures (429, 5xx, I/O, garbled replies) are retried up to {@code maxAttempts} POSTs in all,
     * within {@code deadline} from the first, attempts included; defaults 3 and 30 s. A {@code Retry-After}
     * beyond the deadline ends the exchange at once.
     *
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or {@code deadline} is not positive
     */
    public Builder retries(int maxAttempts, Duration deadline) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("deadline must be positive and at most a day, was " + deadline);
      }
      this.maxAttempts = maxAttempts;
      this.retryDeadline = deadline;
      return this;
    }

    /** Pauses between the POSTs of one exchange; default 1 s doubling up to 10 s, 50 % jitter. */
    public Builder retryBackoff(Backoff backoff) {
      this.retryBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Pauses between failed exchanges of the token cache; default {@link Backoff#defaults()}. */
    public Builder refreshBackoff(Backoff backoff) {
      this.refreshBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    public ImsTokenProviderFactory build() {
      return new ImsTokenProviderFactory(this);
    }
  }
}

package dev.fireflyauth.ims;

import com.google.auto.service.AutoService;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.cache.Backoff;
import dev.fireflyauth.cache.TokenCache;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Exchanges the client credentials found by the chain for an access token at Adobe IMS
 * ({@code client_credentials} grant), behind a {@link TokenCache}: one exchange per token lifetime, proactive
 * refresh, single flight, stale-on-error.
 *
 * <p>Why it exists: it is the second link of the default token chain (after a ready-made
 * {@code FIREFLY_SERVICES_ACCESS_TOKEN}). Discovered with {@link java.util.ServiceLoader}; to change the retry
 * policy, build one with {@link #builder()} and pass it to
 * {@link dev.fireflyauth.FireflyAuth.Builder#addTokenProviderFactory}.
 *
 * <p>Each provider it creates belongs to one {@link dev.fireflyauth.FireflyAuth} and shares nothing with
 * others: no static cache, no shared HTTP client. Immutable and thread-safe.
 */
@AutoService(TokenProviderFactory.class)
public final class ImsTokenProviderFactory implements TokenProviderFactory {
  /** TCP connect timeout for the token endpoint; seconds or ISO-8601, default 10 s. */
  public static final Setting CONNECT_TIMEOUT =
      Setting.of("firefly.ims.connect.timeout", "FIREFLY_IMS_CONNECT_TIMEOUT");
  /** Timeout for one token request, until the response headers arrive; seconds or ISO-8601, default 30 s. */
  public static final Setting REQUEST_TIMEOUT =
      Setting.of("firefly.ims.request.timeout", "FIREFLY_IMS_REQUEST_TIMEOUT");

  /** The longest token lifetime believed, whatever {@code expires_in} says. */
  static final Duration MAX_LIFETIME = Duration.ofHours(24);

  private final int maxAttempts;
  private final Duration retryDeadline;
  private final Backoff retryBackoff;
  private final Backoff refreshBackoff;

  /** The default policy: 3 attempts within 30 s per exchange; for {@link java.util.ServiceLoader}. */
  public ImsTokenProviderFactory() {
    this(builder());
  }

  private ImsTokenProviderFactory(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.retryDeadline = b.retryDeadline;
    this.retryBackoff = b.retryBackoff;
    this.refreshBackoff = b.refreshBackoff;
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
    RotatingExchange.requireSecret(context.credentials().get());
    TimeSource time = context.time();
    Exchange post =
        new ImsExchange(
            endpoint,
            new ImsResponseParser(time, MAX_LIFETIME),
            new ImsErrorClassifier(endpoint.uri(), time));
    Exchange retrying = new RetryingExchange(post, maxAttempts, retryDeadline, retryBackoff, time);
    TokenCache.Builder cache = TokenCache.builder(new RotatingExchange(retrying, context.credentials()))
        .timeSource(time)
        .threadName("firefly-auth-ims-refresh")
        .maxLifetime(MAX_LIFETIME)
        .backoff(refreshBackoff)
        .listener(context.listener());
    context.executor().ifPresent(cache::executor);
    return Optional.of(cache.build());
  }

  @Override
  public String toString() {
    return "ImsTokenProviderFactory{attempts=" + maxAttempts + ", deadline=" + retryDeadline + '}';
  }

  /** Configures the retry policy of an {@link ImsTokenProviderFactory}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration retryDeadline = Duration.ofSeconds(30);
    private Backoff retryBackoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5);
    private Backoff refreshBackoff = Backoff.defaults();

    private Builder() {}

    /**
     * Transient failures (429, 5xx, I/O, garbled replies) are retried up to {@code maxAttempts} POSTs in all,
     * within {@code deadline} from the first; defaults 3 and 30 s. A {@code Retry-After} beyond the deadline
     * ends the exchange at once.
     */
    public Builder retries(int maxAttempts, Duration deadline) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      this.retryDeadline = Objects.requireNonNull(deadline, "deadline");
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

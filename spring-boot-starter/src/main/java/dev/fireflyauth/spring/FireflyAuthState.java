package dev.fireflyauth.spring;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.cache.TokenCacheListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the token cache last reported, kept from {@link TokenCacheListener} events: when the current token expires,
 * where it came from, and whether (and how) the last exchange failed.
 *
 * <p>Why it exists: a health probe or a metrics scrape must describe the token without asking for one (that could
 * start an exchange per probe). The auto-configuration registers this listener on the {@code FireflyAuth} bean;
 * if you build your own, register the {@code FireflyAuthState} bean with {@code FireflyAuth.Builder.listener}.
 *
 * <p>Keeps no token, no secret and no exception message: only an expiry, an origin ({@code ims via env …}), a
 * failure kind and counts. Thread-safe: each event replaces one immutable record atomically.
 */
public final class FireflyAuthState implements TokenCacheListener {
  private record TokenSeen(boolean hasExpiry, long expiresAtNanos, Instant expiresAt, String origin,
      boolean fromStore) {}

  private record FailureSeen(String kind, int consecutive) {}

  private record Seen(TokenSeen token, FailureSeen failure) {}

  private final TimeSource time;
  private final AtomicReference<Seen> seen = new AtomicReference<>(new Seen(null, null));

  /** State on the system clock, the one {@code FireflyAuth} uses by default. */
  public FireflyAuthState() {
    this(TimeSource.system());
  }

  /** State on {@code time}: give the {@code TimeSource} the {@code FireflyAuth} was built with. */
  public FireflyAuthState(TimeSource time) {
    this.time = Objects.requireNonNull(time, "time");
  }

  @Override
  public void onRefresh(AccessToken token, Duration took) {
    TokenSeen t = new TokenSeen(token.hasExpiry(), token.expiresAtNanos(), token.expiresAt().orElse(null),
        token.origin().orElse(null), token.fromStore());
    seen.set(new Seen(t, null));
  }

  @Override
  public void onFailure(
      RuntimeException error, int consecutiveFailures, Duration nextAttemptIn, boolean stillValid, Duration took) {
    String kind = error instanceof FireflyAuthException f ? f.kind().name() : "OTHER";
    seen.updateAndGet(s -> new Seen(s.token(), new FailureSeen(kind, consecutiveFailures)));
  }

  /** What is known now, consistently (one read of the state). */
  public Snapshot snapshot() {
    Seen s = seen.get();
    long now = time.nanoTime();
    TokenSeen t = s.token();
    Duration left = t == null || !t.hasExpiry() ? null : Duration.ofNanos(t.expiresAtNanos() - now);
    return new Snapshot(t != null, left, t == null ? null : t.expiresAt(), t == null ? null : t.origin(),
        t != null && t.fromStore(), s.failure() == null ? null : s.failure().kind(),
        s.failure() == null ? 0 : s.failure().consecutive());
  }

  @Override
  public String toString() {
    return "FireflyAuthState" + snapshot();
  }

  /**
   * The state at one instant. Immutable; holds nothing secret.
   *
   * <p>Why it exists: a health indicator needs several facts that must agree with each other.
   */
  public static final class Snapshot {
    private final boolean hasToken;
    private final Duration timeLeft;
    private final Instant expiresAt;
    private final String origin;
    private final boolean fromStore;
    private final String failureKind;
    private final int consecutiveFailures;

    private Snapshot(boolean hasToken, Duration timeLeft, Instant expiresAt, String origin, boolean fromStore,
        String failureKind, int consecutiveFailures) {
      this.hasToken = hasToken;
      this.timeLeft = timeLeft;
      this.expiresAt = expiresAt;
      this.origin = origin;
      this.fromStore = fromStore;
      this.failureKind = failureKind;
      this.consecutiveFailures = consecutiveFailures;
    }

    /** Whether no token has been obtained and no exchange has failed yet. */
    public boolean nothingYet() {
      return !hasToken && failureKind == null;
    }

    /** Whether a token was obtained and has not expired (a token without a known expiry never does). */
    public boolean hasValidToken() {
      return hasToken && (timeLeft == null || timeLeft.compareTo(Duration.ZERO) > 0);
    }

    /** Time until the last token obtained expires, zero once it has; empty without a token or a known expiry. */
    public Optional<Duration> timeToExpiry() {
      return Optional.ofNullable(timeLeft).map(d -> d.isNegative() ? Duration.ZERO : d);
    }

    /** When the last token obtained expires, for display. */
    public Optional<Instant> expiresAt() {
      return Optional.ofNullable(expiresAt);
    }

    /** Where the last token came from, e.g. {@code ims via env FIREFLY_SERVICES_CLIENT_ID}. */
    public Optional<String> origin() {
      return Optional.ofNullable(origin);
    }

    /** Whether the last token was read from a token store rather than exchanged here. */
    public boolean fromStore() {
      return fromStore;
    }

    /**
     * The {@link FireflyAuthException.Kind} name of the last failed exchange ({@code OTHER} for a failure that is
     * not ours), when the last attempt failed; empty after a success.
     */
    public Optional<String> lastFailure() {
      return Optional.ofNullable(failureKind);
    }

    /** Failures since the last success. */
    public int consecutiveFailures() {
      return consecutiveFailures;
    }

    @Override
    public String toString() {
      return "[token=" + (hasToken ? "expiresAt " + expiresAt + (fromStore ? ", fromStore" : "") : "none")
          + (failureKind == null ? "" : ", lastFailure=" + failureKind + " x" + consecutiveFailures) + ']';
    }
  }
}

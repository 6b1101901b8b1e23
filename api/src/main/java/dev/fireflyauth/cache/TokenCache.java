package dev.fireflyauth.cache;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.TransientException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keeps one access token fresh for any number of threads, over any exchange function (IMS, a test stub, your
 * own identity provider).
 *
 * <h2>Concurrency contract</h2>
 *
 * <ul>
 *   <li><b>Hot path.</b> While the cached token is before its refresh point, {@link #token()} is one volatile
 *       read and one {@link TimeSource#nanoTime()} comparison: no lock, no allocation, never blocks.
 *   <li><b>Proactive refresh.</b> Inside the refresh window (the larger of 10 % of the lifetime and 10
 *       minutes, at most half the lifetime, moved earlier by a random jitter of up to 20 % of the window),
 *       the first caller to notice starts <em>one</em> background refresh on the executor and every caller,
 *       including that one, keeps getting the current token without waiting.
 *   <li><b>Single flight.</b> When there is no usable token (first call, or expired), callers block; exactly
 *       one of them runs the exchange in its own thread and all others wait for and share its result. At
 *       most one exchange is ever running per cache.
 *   <li><b>Stale on error.</b> If a refresh fails while the token is still valid, callers keep the token;
 *       the next background attempt waits for an exponential {@link Backoff} (honouring
 *       {@link TransientException#retryAfter()}). Attempts are made only when a caller arrives after that
 *       delay: no timer runs.
 *   <li><b>Remembered failure.</b> When there is no usable token and the last exchange failed less than
 *       {@code failureMemory} ago (default 5 s, never past the backoff delay), callers get that failure at
 *       once instead of each starting an exchange: an outage does not turn into a request storm.
 *   <li><b>Deadlines</b> are monotonic ({@link TimeSource#nanoTime()} at receipt), so a wall-clock jump
 *       neither expires nor extends a token. In the last {@code expirySkew} (30 s, at most a tenth of the
 *       lifetime) before its deadline a token is no longer served first: callers wait for a refresh, and get
 *       the old, still valid token only if that refresh fails. Lifetimes are clamped to {@code maxLifetime}
 *       (24 h).
 *   <li><b>Listeners</b> run on the exchanging thread after the state is updated.
 *   <li><b>{@link #close()}</b> fails waiting callers, interrupts a background refresh this cache started
 *       and leaves no thread behind; later calls throw {@link IllegalStateException}. An executor passed in
 *       by the user stays the user's to shut down.
 * </ul>
 *
 * <p>Failures are rethrown as the exchange threw them (the same instance is shared by all callers that
 * waited for that exchange), so {@link dev.fireflyauth.FireflyAuthException#kind()} survives.
 */
public final class TokenCache implements TokenProvider {
  private static final System.Logger LOG = System.getLogger(TokenCache.class.getName());

  /** What callers are served: a token and the two monotonic points that govern it. */
  private static final class Entry {
    final AccessToken token;
    final long refreshAtNanos;
    final long usableUntilNanos;

    Entry(AccessToken token, long refreshAtNanos, long usableUntilNanos) {
      this.token = token;
      this.refreshAtNanos = refreshAtNanos;
      this.usableUntilNanos = usableUntilNanos;
    }
  }

  /** The last failed exchange, kept until the next success. */
  private static final class Failure {
    final RuntimeException error;
    final int consecutive;
    final long nextAttemptNanos;
    final long rememberUntilNanos;

    Failure(RuntimeException error, int consecutive, long nextAttemptNanos, long rememberUntilNanos) {
      this.error = error;
      this.consecutive = consecutive;
      this.nextAttemptNanos = nextAttemptNanos;
      this.rememberUntilNanos = rememberUntilNanos;
    }
  }

  private final Supplier<AccessToken> exchange;
  private final TimeSource time;
  private final Executor executor;
  private final RefreshThreads ownThreads;
  private final TokenCacheListener listener;
  private final Backoff backoff;
  private final Duration maxLifetime;
  private final double refreshFraction;
  private final long minRefreshWindowNanos;
  private final long expirySkewNanos;
  private final long failureMemoryNanos;

  private volatile Entry entry;
  private volatile Failure failure;
  private volatile boolean closed;
  private final AtomicReference<CompletableFuture<AccessToken>> inFlight = new AtomicReference<>();

  private TokenCache(Builder b) {
    this.exchange = b.exchange;
    this.time = b.time;
    this.ownThreads = b.executor == null ? new RefreshThreads(b.threadName) : null;
    this.executor = b.executor == null ? ownThreads : b.executor;
    this.listener = b.listener;
    this.backoff = b.backoff;
    this.maxLifetime = b.maxLifetime;
    this.refreshFraction = b.refreshFraction;
    this.minRefreshWindowNanos = b.minRefreshWindow.toNanos();
    this.expirySkewNanos = b.expirySkew.toNanos();
    this.failureMemoryNanos = b.failureMemory.toNanos();
  }

  /** A cache over {@code exchange}, which returns a fresh token or throws. */
  public static Builder builder(Supplier<AccessToken> exchange) {
    return new Builder(exchange);
  }

  @Override
  public AccessToken token() {
    Entry e = entry;
    long now = time.nanoTime();
    if (e != null && now - e.refreshAtNanos < 0) {
      return e.token;
    }
    return slowToken(e, now);
  }

  @Override
  public CompletableFuture<AccessToken> tokenAsync() {
    Entry e = entry;
    long now = time.nanoTime();
    if (e != null && now - e.refreshAtNanos < 0) {
      return CompletableFuture.completedFuture(e.token);
    }
    try {
      checkOpen();
      if (e != null && now - e.usableUntilNanos < 0) {
        refreshInBackground(now);
        return CompletableFuture.completedFuture(e.token);
      }
      AccessToken fallback = fallback(e, now);
      if (skipAttempt(now, fallback != null)) {
        return CompletableFuture.completedFuture(fallback);
      }
      return startOrJoin(false)
          .handle(
              (t, ex) -> {
                if (ex == null) {
                  return t;
                }
                Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                if (cause instanceof RuntimeException) {
                  return orFallback(fallback, (RuntimeException) cause);
                }
                throw new CompletionException(cause);
              });
    } catch (RuntimeException ex) {
      return CompletableFuture.failedFuture(ex);
    }
  }

  private AccessToken slowToken(Entry e, long now) {
    checkOpen();
    if (e != null && now - e.usableUntilNanos < 0) {
      refreshInBackground(now);
      return e.token;
    }
    AccessToken fallback = fallback(e, now);
    if (skipAttempt(now, fallback != null)) {
      return fallback;
    }
    try {
      return await(startOrJoin(true));
    } catch (RuntimeException ex) {
      return orFallback(fallback, ex);
    }
  }

  /** The fallback token if it is still valid now, else {@code failure} rethrown. */
  private AccessToken orFallback(AccessToken fallback, RuntimeException failure) {
    if (fallback != null && !fallback.isExpiredAt(time.nanoTime())) {
      return fallback;
    }
    throw failure;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this token cache is closed");
    }
  }

  /**
   * In the expiry skew the cached token is no longer served first but is still valid: it is what callers get
   * if the refresh they wait for fails. Null when there is no token or it has expired.
   */
  private static AccessToken fallback(Entry e, long now) {
    return e != null && !e.token.isExpiredAt(now) ? e.token : null;
  }

  /**
   * Whether to answer without an exchange because one failed recently: with a fallback token until the
   * backoff delay has passed; without one, by rethrowing the failure for the short failure memory.
   */
  private boolean skipAttempt(long now, boolean haveFallback) {
    Failure f = failure;
    if (f == null) {
      return false;
    }
    if (haveFallback) {
      return now - f.nextAttemptNanos < 0;
    }
    if (now - f.rememberUntilNanos < 0) {
      throw f.error;
    }
    return false;
  }

  private void refreshInBackground(long now) {
    Failure f = failure;
    if (f != null && now - f.nextAttemptNanos < 0) {
      return;
    }
    if (inFlight.get() == null) {
      startOrJoin(false);
    }
  }

  /**
   * Joins the running exchange, or starts one: inline on this thread when {@code inline}, else on the
   * executor.
   */
  private CompletableFuture<AccessToken> startOrJoin(boolean inline) {
    while (true) {
      CompletableFuture<AccessToken> running = inFlight.get();
      if (running != null) {
        return running;
      }
      CompletableFuture<AccessToken> mine = new CompletableFuture<>();
      if (!inFlight.compareAndSet(null, mine)) {
        continue;
      }
      // Another exchange may have finished between our look at the entry and the CAS.
      Entry e = entry;
      if (e != null && time.nanoTime() - e.refreshAtNanos < 0) {
        inFlight.set(null);
        mine.complete(e.token);
        return mine;
      }
      if (inline) {
        runExchange(mine);
      } else {
        try {
          executor.execute(() -> runExchange(mine));
        } catch (RejectedExecutionException ex) {
          inFlight.set(null);
          mine.completeExceptionally(
              closed ? new IllegalStateException("this token cache is closed") : ex);
        }
      }
      return mine;
    }
  }

  private void runExchange(CompletableFuture<AccessToken> mine) {
    AccessToken token;
    try {
      token = Objects.requireNonNull(exchange.get(), "the exchange returned null");
    } catch (RuntimeException ex) {
      recordFailure(mine, ex);
      return;
    } catch (Error err) {
      inFlight.set(null);
      mine.completeExceptionally(err);
      throw err;
    }
    AccessToken clamped = token.withMaxLifetime(maxLifetime);
    if (closed) {
      mine.cancel(false);
      return;
    }
    entry = newEntry(clamped);
    failure = null;
    inFlight.set(null);
    mine.complete(clamped);
    try {
      listener.onRefresh(clamped);
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "token cache listener onRefresh threw", ex);
    }
  }

  private void recordFailure(CompletableFuture<AccessToken> mine, RuntimeException ex) {
    long now = time.nanoTime();
    Failure previous = failure;
    int n = previous == null ? 1 : previous.consecutive + 1;
    Duration retryAfter =
        ex instanceof TransientException ? ((TransientException) ex).retryAfter().orElse(null) : null;
    Duration delay = backoff.delay(n, retryAfter);
    long delayNanos = delay.toNanos();
    failure = new Failure(ex, n, now + delayNanos, now + Math.min(delayNanos, failureMemoryNanos));
    inFlight.set(null);
    mine.completeExceptionally(ex);
    Entry e = entry;
    boolean stillValid = e != null && now - e.usableUntilNanos < 0;
    // With no valid token the failure goes to the callers, who report it: logging it too would say it twice.
    LOG.log(
        stillValid ? Level.WARNING : Level.DEBUG,
        "token exchange failed ({0} in a row){1}; next attempt in {2} ms: {3}",
        n,
        stillValid ? ", still serving the cached token" : "",
        delay.toMillis(),
        ex.getMessage());
    try {
      listener.onFailure(ex, n, delay, stillValid);
    } catch (RuntimeException lex) {
      LOG.log(Level.WARNING, "token cache listener onFailure threw", lex);
    }
  }

  private Entry newEntry(AccessToken t) {
    if (!t.hasExpiry()) {
      long far = t.receivedAtNanos() + Long.MAX_VALUE / 4;
      return new Entry(t, far, far);
    }
    long received = t.receivedAtNanos();
    long lifetime = t.expiresAtNanos() - received;
    long usableUntil = t.expiresAtNanos() - Math.min(expirySkewNanos, lifetime / 10);
    long window = Math.max((long) (lifetime * refreshFraction), minRefreshWindowNanos);
    window += (long) (window * 0.2 * ThreadLocalRandom.current().nextDouble());
    window = Math.min(window, lifetime / 2);
    return new Entry(t, usableUntil - window, usableUntil);
  }

  private AccessToken await(CompletableFuture<AccessToken> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("token exchange failed", cause);
    } catch (CancellationException e) {
      throw new IllegalStateException("this token cache was closed while waiting for a token", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting for an access token", e);
    }
  }

  /** The token currently served, without triggering anything; null when there is none. For diagnostics. */
  public AccessToken peek() {
    Entry e = entry;
    return e == null ? null : e.token;
  }

  /** Drops the cached token so the next call exchanges again (e.g. after the API rejected it). */
  public void invalidate() {
    entry = null;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    entry = null;
    CompletableFuture<AccessToken> running = inFlight.getAndSet(null);
    if (running != null) {
      running.cancel(false);
    }
    if (ownThreads != null) {
      ownThreads.shutdown();
    }
  }

  @Override
  public String toString() {
    Entry e = entry;
    Failure f = failure;
    return "TokenCache{token=" + (e == null ? "none" : e.token)
        + (f == null ? "" : ", failures=" + f.consecutive)
        + (closed ? ", closed" : "") + '}';
  }

  /** Configures a {@link TokenCache}; every setting has a documented default. Not thread-safe. */
  public static final class Builder {
    private final Supplier<AccessToken> exchange;
    private TimeSource time = TimeSource.system();
    private Executor executor;
    private String threadName = "firefly-auth-refresh";
    private TokenCacheListener listener = new TokenCacheListener() {};
    private Backoff backoff = Backoff.defaults();
    private Duration maxLifetime = Duration.ofHours(24);
    private double refreshFraction = 0.10;
    private Duration minRefreshWindow = Duration.ofMinutes(10);
    private Duration expirySkew = Duration.ofSeconds(30);
    private Duration failureMemory = Duration.ofSeconds(5);

    private Builder(Supplier<AccessToken> exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /** The clock; default {@link TimeSource#system()}. Tokens must be issued on the same source. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Where background refreshes run; default: a short-lived daemon thread per refresh, stopped by close(). */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The name of the refresh threads the cache starts itself. */
    public Builder threadName(String threadName) {
      this.threadName = Objects.requireNonNull(threadName, "threadName");
      return this;
    }

    public Builder listener(TokenCacheListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Delay between failed background refreshes; default {@link Backoff#defaults()}. */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** The longest lifetime believed, whatever the issuer says; default 24 h. */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime = positive(maxLifetime, "maxLifetime");
      return this;
    }

    /**
     * The refresh window: the larger of {@code fraction} of the lifetime and {@code minimum}; defaults 0.10
     * and 10 min. It is never more than half the lifetime.
     */
    public Builder refreshWindow(double fraction, Duration minimum) {
      if (!(fraction >= 0 && fraction <= 0.5)) {
        throw new IllegalArgumentException("fraction must be within [0, 0.5], was " + fraction);
      }
      this.refreshFraction = fraction;
      this.minRefreshWindow = Objects.requireNonNull(minimum, "minimum");
      return this;
    }

    /** How long before its deadline a token stops being served; default 30 s (at most a tenth of the lifetime). */
    public Builder expirySkew(Duration skew) {
      this.expirySkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** How long a failure is rethrown to callers that have no usable token; default 5 s. */
    public Builder failureMemory(Duration memory) {
      this.failureMemory = Objects.requireNonNull(memory, "memory");
      return this;
    }

    public TokenCache build() {
      return new TokenCache(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}

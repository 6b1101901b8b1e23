package dev.fireflyauth.cache;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.Futures;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Predicate;
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
 *   <li><b>Invalidation.</b> {@link #invalidate(AccessToken)} drops the token only if it is still the one
 *       served (a compare-and-set), so many callers reporting the same rejected token cause one exchange.
 *   <li><b>Shared tier.</b> With a {@link SharedTier} (a token store), the cache asks it instead of
 *       exchanging: it returns a token another process stored when that token is still before the refresh
 *       point this cache would compute for it, else it exchanges under a cross-process lock and stores the
 *       result. The hot path never touches it.
 *   <li><b>Listeners</b> run on the exchanging thread after the state is updated, background failures
 *       included.
 *   <li><b>{@link #close()}</b> fails waiting callers, interrupts a background refresh this cache started,
 *       closes the resources given to {@link Builder#closing} and leaves no thread behind; later calls throw
 *       {@link IllegalStateException}. An executor passed in
 *       by the user stays the user's to shut down.
 * </ul>
 *
 * <h2>Who blocks</h2>
 *
 * <p>{@link #token()} blocks only while there is no usable token (the caller runs or waits for the one
 * exchange); {@link #tokenAsync()}, {@link #invalidate(AccessToken)}, {@link #peek()} and {@link #close()}
 * never block on an exchange. A background refresh runs on the executor, never on a caller.
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

  private static final AtomicReferenceFieldUpdater<TokenCache, Entry> ENTRY =
      AtomicReferenceFieldUpdater.newUpdater(TokenCache.class, Entry.class, "entry");
  /** The largest jitter added to a refresh window (20 %). */
  private static final double MAX_JITTER = 0.2;

  private final Supplier<AccessToken> exchange;
  private final List<AutoCloseable> resources;
  private final SharedTier tier;
  private final Predicate<AccessToken> freshEnough = this::freshEnough;
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
    this.resources = List.copyOf(b.resources);
    this.tier = b.tier;
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
    // Load the background-refresh classes now, not on the caller that first finds the refresh window.
    new BackgroundExchange(null).getClass();
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
      AccessToken answer = answerWithoutAttempt(now, fallback);
      if (answer != null) {
        return CompletableFuture.completedFuture(answer);
      }
      return startOrJoin(false)
          .handle(
              (t, ex) -> {
                if (ex == null) {
                  return t;
                }
                Throwable cause = Futures.unwrap(ex);
                if (cause instanceof RuntimeException r) {
                  return orFallback(fallback, r);
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
    AccessToken answer = answerWithoutAttempt(now, fallback);
    if (answer != null) {
      return answer;
    }
    try {
      return await(startOrJoin(true));
    } catch (RuntimeException ex) {
      return orFallback(fallback, ex);
    }
  }

  /**
   * After the exchange this caller waited for failed: the token of an exchange that succeeded meanwhile (the
   * caller may wake after the next one finished), else the fallback token if it is still valid, else
   * {@code failure} rethrown.
   */
  private AccessToken orFallback(AccessToken fallback, RuntimeException failure) {
    long now = time.nanoTime();
    AccessToken latest = fallback(entry, now);
    if (latest != null) {
      return latest;
    }
    if (fallback != null && !fallback.isExpiredAt(now)) {
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
   * The answer without an exchange because one failed recently: the fallback token until the backoff delay
   * has passed; without one, the failure rethrown for the short failure memory, unless an exchange succeeded
   * since this caller looked (then its token). Null means: attempt an exchange.
   */
  private AccessToken answerWithoutAttempt(long now, AccessToken fallback) {
    Failure f = failure;
    if (f == null) {
      return null;
    }
    if (fallback != null) {
      return now - f.nextAttemptNanos < 0 ? fallback : null;
    }
    if (now - f.rememberUntilNanos < 0) {
      AccessToken latest = fallback(entry, now);
      if (latest == null) {
        throw f.error;
      }
      return latest;
    }
    return null;
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
        inFlight.compareAndSet(mine, null);
        mine.complete(e.token);
        return mine;
      }
      if (inline) {
        runExchange(mine);
      } else {
        try {
          executor.execute(new BackgroundExchange(mine));
        } catch (RejectedExecutionException ex) {
          // A full or shut-down executor is a failed attempt like any other: it backs off, so callers in the
          // refresh window do not resubmit on every call.
          recordFailure(mine, closed ? new IllegalStateException("this token cache is closed") : ex, 0L);
        }
      }
      return mine;
    }
  }

  /**
   * A background refresh, as a class rather than a lambda: the first refresh happens once per token lifetime,
   * while callers are being served, and must not pay for linking a lambda (an {@code invokedynamic} bootstrap
   * costs milliseconds the first time) on the caller's thread.
   */
  private final class BackgroundExchange implements Runnable {
    private final CompletableFuture<AccessToken> mine;

    BackgroundExchange(CompletableFuture<AccessToken> mine) {
      this.mine = mine;
    }

    @Override
    public void run() {
      runExchange(mine);
    }
  }

  private void runExchange(CompletableFuture<AccessToken> mine) {
    long start = time.nanoTime();
    AccessToken token;
    try {
      token = Objects.requireNonNull(
          tier == null ? exchange.get() : tier.obtain(exchange, freshEnough), "the exchange returned null");
    } catch (RuntimeException ex) {
      recordFailure(mine, ex, start);
      return;
    } catch (Error err) {
      inFlight.set(null);
      mine.completeExceptionally(err);
      throw err;
    }
    AccessToken clamped = token.withMaxLifetime(maxLifetime);
    if (closed) {
      inFlight.compareAndSet(mine, null);
      mine.cancel(false);
      return;
    }
    entry = newEntry(clamped, ThreadLocalRandom.current().nextDouble());
    failure = null;
    inFlight.set(null);
    mine.complete(clamped);
    try {
      listener.onRefresh(clamped, Duration.ofNanos(time.nanoTime() - start));
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "token cache listener onRefresh threw " + ex.getClass().getName());
    }
  }

  /**
   * Remembers a failed attempt and hands it to the callers. Whatever goes wrong in here, the in-flight future
   * is cleared and completed first: a failure must never leave the cache stuck with callers waiting forever.
   *
   * @param start when the attempt began on the cache's clock; 0 when it never ran
   */
  private void recordFailure(CompletableFuture<AccessToken> mine, RuntimeException ex, long start) {
    long now = time.nanoTime();
    Failure previous = failure;
    int n = previous == null ? 1 : previous.consecutive + 1;
    Duration delay;
    try {
      Duration retryAfter = ex instanceof TransientException t ? t.retryAfter().orElse(null) : null;
      delay = backoff.delay(n, retryAfter);
    } catch (RuntimeException bug) {
      delay = backoff.max();
    }
    long delayNanos = delay.toNanos();
    failure = new Failure(ex, n, now + delayNanos, now + Math.min(delayNanos, failureMemoryNanos));
    inFlight.compareAndSet(mine, null);
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
      listener.onFailure(ex, n, delay, stillValid, Duration.ofNanos(start == 0L ? 0L : now - start));
    } catch (RuntimeException lex) {
      LOG.log(Level.WARNING, "token cache listener onFailure threw " + lex.getClass().getName());
    }
  }

  /**
   * Whether a token obtained elsewhere (another process's, through the shared tier) is worth serving: it is
   * still before the earliest refresh point this cache could compute for it, so serving it will not drag
   * callers straight into a refresh.
   */
  boolean freshEnough(AccessToken t) {
    return t.hasExpiry() && time.nanoTime() - newEntry(t, 1.0).refreshAtNanos < 0;
  }

  /** The entry for {@code t}; {@code jitter} in [0, 1] moves the refresh point up to 20 % of the window earlier. */
  private Entry newEntry(AccessToken t, double jitter) {
    if (!t.hasExpiry()) {
      long far = t.receivedAtNanos() + Long.MAX_VALUE / 4;
      return new Entry(t, far, far);
    }
    long received = t.receivedAtNanos();
    long lifetime = t.expiresAtNanos() - received;
    long usableUntil = t.expiresAtNanos() - Math.min(expirySkewNanos, lifetime / 10);
    long window = Math.max((long) (lifetime * refreshFraction), minRefreshWindowNanos);
    window += (long) (window * MAX_JITTER * jitter);
    window = Math.min(window, lifetime / 2);
    return new Entry(t, usableUntil - window, usableUntil);
  }

  private AccessToken await(CompletableFuture<AccessToken> f) {
    try {
      return Futures.await(f);
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

  /**
   * Drops {@code rejected} if it is still the token served (compare-and-set on the entry), and removes it from
   * the shared tier if that still holds it; the next {@link #token()} exchanges. A token already replaced is
   * left alone. Never blocks.
   */
  @Override
  public void invalidate(AccessToken rejected) {
    Objects.requireNonNull(rejected, "rejected");
    Entry e = entry;
    if (e != null && e.token.sameValueAs(rejected) && ENTRY.compareAndSet(this, e, null)) {
      LOG.log(Level.DEBUG, "token invalidated after a rejection; the next call exchanges");
      if (tier != null) {
        tier.invalidate(rejected);
      }
    }
  }

  /** Drops the cached token, whichever it is, so the next call exchanges again. */
  public void invalidate() {
    Entry e = entry;
    if (e != null) {
      invalidate(e.token);
    }
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
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing a resource of the token cache failed: " + e.getClass().getName());
      }
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
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SharedTier tier;
    private TimeSource time = TimeSource.system();
    private Executor executor;
    private String threadName = "firefly-auth-refresh";
    private TokenCacheListener listener = TokenCacheListener.NONE;
    private Backoff backoff = Backoff.defaults();
    private Duration maxLifetime = Duration.ofHours(24);
    private double refreshFraction = 0.10;
    private Duration minRefreshWindow = Duration.ofMinutes(10);
    private Duration expirySkew = Duration.ofSeconds(30);
    private Duration failureMemory = Duration.ofSeconds(5);

    private Builder(Supplier<AccessToken> exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /**
     * The clock; default {@link TimeSource#system()}. Tokens must be issued on the same source.
     *
     * @throws NullPointerException if {@code time} is null
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Where background refreshes run; by default (when this is not called) a short-lived daemon thread per
     * refresh, stopped by {@link TokenCache#close()}. Like every setter here, null is refused: leave the
     * default by not calling it.
     *
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The name of the refresh threads the cache starts itself.
     *
     * @throws NullPointerException if {@code threadName} is null
     * @throws IllegalArgumentException if it is blank
     */
    public Builder threadName(String threadName) {
      Objects.requireNonNull(threadName, "threadName");
      if (threadName.isBlank()) {
        throw new IllegalArgumentException("threadName must not be blank");
      }
      this.threadName = threadName;
      return this;
    }

    /**
     * Told about every refresh and failure; default {@link TokenCacheListener#NONE}.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(TokenCacheListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Something the exchange uses (an HTTP client, a call registry) that {@link TokenCache#close()} closes
     * after it has cancelled the exchange in flight, in the order given; so a provider can hand out the cache
     * itself instead of wrapping it.
     *
     * @throws NullPointerException if {@code resource} is null
     */
    public Builder closing(AutoCloseable resource) {
      this.resources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * A tier shared with other processes, asked instead of exchanging; default none.
     *
     * @throws NullPointerException if {@code tier} is null
     */
    public Builder sharedTier(SharedTier tier) {
      this.tier = Objects.requireNonNull(tier, "tier");
      return this;
    }

    /**
     * Delay between failed background refreshes; default {@link Backoff#defaults()}.
     *
     * @throws NullPointerException if {@code backoff} is null
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * The longest lifetime believed, whatever the issuer says; default 24 h.
     *
     * @throws NullPointerException if {@code maxLifetime} is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime = positive(maxLifetime, "maxLifetime");
      return this;
    }

    /**
     * The refresh window: the larger of {@code fraction} of the lifetime and {@code minimum}; defaults 0.10
     * and 10 min. It is never more than half the lifetime.
     *
     * @throws NullPointerException if {@code minimum} is null
     * @throws IllegalArgumentException if {@code fraction} is outside [0, 0.5] or {@code minimum} is negative
     */
    public Builder refreshWindow(double fraction, Duration minimum) {
      if (!(fraction >= 0 && fraction <= 0.5)) {
        throw new IllegalArgumentException("fraction must be within [0, 0.5], was " + fraction);
      }
      this.refreshFraction = fraction;
      this.minRefreshWindow = notNegative(minimum, "minimum");
      return this;
    }

    /**
     * How long before its deadline a token stops being served; default 30 s (at most a tenth of the lifetime).
     *
     * @throws NullPointerException if {@code skew} is null
     * @throws IllegalArgumentException if it is negative (a negative skew would serve expired tokens)
     */
    public Builder expirySkew(Duration skew) {
      this.expirySkew = notNegative(skew, "skew");
      return this;
    }

    /**
     * How long a failure is rethrown to callers that have no usable token; default 5 s, zero to disable.
     *
     * @throws NullPointerException if {@code memory} is null
     * @throws IllegalArgumentException if it is negative
     */
    public Builder failureMemory(Duration memory) {
      this.failureMemory = notNegative(memory, "memory");
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
      return capped(d, name);
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return capped(d, name);
    }

    /** Durations become nanoseconds: anything beyond about 292 years would overflow. */
    private static Duration capped(Duration d, String name) {
      if (d.compareTo(Duration.ofDays(365L * 100)) > 0) {
        throw new IllegalArgumentException(name + " must be at most 100 years, was " + d);
      }
      return d;
    }
  }
}

package dev.fireflyauth.process;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.support.Futures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Shares one run of a command among concurrent loads, and keeps its answer until the {@code expires_at} the
 * command gave (no {@code expires_at}: not kept at all).
 *
 * <p>Why it exists: a burst of threads needing credentials at once must start the secret manager's CLI once,
 * not once each; and a command that says how long its answer is good for should not be run again before then.
 * A load that must bypass caches (after IMS rejected the credentials) never gets a kept answer, and failures
 * are never kept. The expiry is turned into a monotonic deadline when the answer arrives, so a wall-clock
 * jump afterwards neither extends nor shortens it. Keys are the command's words and are never shown.
 * Thread-safe.
 */
final class RunCache {
  private record Kept(ClientCredentials credentials, long deadline) {
    boolean freshAt(long nanos) {
      return nanos - deadline < 0;
    }
  }

  private final ConcurrentHashMap<List<String>, Kept> kept = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<List<String>, CompletableFuture<ClientCredentials>> inFlight =
      new ConcurrentHashMap<>();

  /**
   * The kept answer for {@code key} while fresh (unless {@code bypass}), else the credentials of one run of
   * {@code run}, shared with every thread asking meanwhile; waiters get the run's own exception.
   */
  ClientCredentials get(List<String> key, TimeSource time, boolean bypass, Supplier<ProcessOutput.Answer> run) {
    if (bypass) {
      kept.remove(key); // the caller saw it rejected: never hand it out again, even if this run fails
    } else {
      Kept k = kept.get(key);
      if (k != null && k.freshAt(time.nanoTime())) {
        return k.credentials();
      }
    }
    CompletableFuture<ClientCredentials> mine = new CompletableFuture<>();
    CompletableFuture<ClientCredentials> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return Futures.join(running);
    }
    try {
      Kept k = kept.get(key);
      // Another thread may have kept an answer between our first look and winning the flight.
      ClientCredentials c = !bypass && k != null && k.freshAt(time.nanoTime())
          ? k.credentials()
          : runAndKeep(key, time, run);
      mine.complete(c);
      return c;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private ClientCredentials runAndKeep(List<String> key, TimeSource time, Supplier<ProcessOutput.Answer> run) {
    ProcessOutput.Answer answer = run.get();
    Instant now = time.now();
    long received = time.nanoTime();
    Duration left = answer.expiresAt().map(at -> Duration.between(now, at)).orElse(Duration.ZERO);
    if (left.isNegative() || left.isZero()) {
      kept.remove(key);
    } else {
      kept.put(key, new Kept(answer.credentials(), received + saturatedNanos(left)));
    }
    return answer.credentials();
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2; // centuries: effectively until a rejection bypasses it
    }
  }

  /** Forgets every kept answer. */
  void clear() {
    kept.clear();
  }
}

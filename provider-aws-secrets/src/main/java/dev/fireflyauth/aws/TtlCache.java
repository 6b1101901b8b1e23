package dev.fireflyauth.aws;

import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.support.Futures;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps loaded values for a time-to-live on an injectable clock, and lets concurrent loads of one key share
 * a single fetch.
 *
 * <p>Why it exists: every {@code load} would otherwise be a paid, rate-limited {@code GetSecretValue} call,
 * and a burst of threads starting at once would send a burst of identical requests. A failed fetch is not
 * cached: the next load tries again. Deadlines are on {@link TimeSource#nanoTime()}, so a wall-clock jump
 * changes nothing. Thread-safe.
 */
final class TtlCache<K, V> {
  private final ConcurrentHashMap<K, Entry<V>> values = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  private record Entry<V>(V value, long deadline) {
    boolean freshAt(long now) {
      return now - deadline < 0;
    }
  }

  /**
   * The cached value for {@code key} while younger than {@code ttl}, else the result of {@code loader}, run
   * once however many threads ask at the same time.
   *
   * @param bypass true to ignore a cached value (the store may hold a newer one)
   */
  V get(K key, Duration ttl, TimeSource time, boolean bypass, Supplier<V> loader) {
    if (!bypass) {
      Entry<V> e = values.get(key);
      if (e != null && e.freshAt(time.nanoTime())) {
        return e.value;
      }
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return Futures.join(running); // the loader's own typed exception, not a wrapper
    }
    try {
      Entry<V> e = values.get(key);
      // Another thread may have stored a value between our first look and winning the flight.
      V v = !bypass && e != null && e.freshAt(time.nanoTime()) ? e.value : load(key, ttl, time, loader);
      mine.complete(v);
      return v;
    } catch (RuntimeException | Error ex) {
      mine.completeExceptionally(ex);
      throw ex;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private V load(K key, Duration ttl, TimeSource time, Supplier<V> loader) {
    V v = loader.get();
    values.put(key, new Entry<>(v, time.nanoTime() + ttl.toNanos()));
    return v;
  }

  /** Forgets every value (after a write-back, or on close). */
  void clear() {
    values.clear();
  }
}

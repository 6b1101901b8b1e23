package dev.fireflyauth.spi.support;

import dev.fireflyauth.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps what a source loaded (a secret store's answer, a credential command's output) for as long as the load
 * said it may be kept, and lets concurrent loads of one key share a single fetch.
 *
 * <p>Why it exists: a burst of threads starting at once must send one request to a paid, rate-limited secret
 * store or start a secret manager's CLI once, not once each; and an answer that is good for an hour should not
 * be fetched again before then. A load that must bypass caches (IMS just rejected the credentials) drops the
 * kept value first, so it is never handed out again even if the new load fails; failures are never kept.
 * Deadlines are on {@link TimeSource#nanoTime()}, so a wall-clock jump neither extends nor shortens them.
 * Waiters get the loading thread's own exception ({@link Futures#join}). Thread-safe.
 */
public final class LoadCache<K, V> {
  /**
   * A loaded value and how long it may be kept; {@link Duration#ZERO} or negative: not kept.
   *
   * @param keepFor how long the value may be served without loading again
   */
  public record Loaded<V>(V value, Duration keepFor) {
    public Loaded {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(keepFor, "keepFor");
    }
  }

  private static final class Kept<V> {
    final V value;
    final long deadline;

    Kept(V value, long deadline) {
      this.value = value;
      this.deadline = deadline;
    }

    boolean freshAt(long now) {
      return now - deadline < 0;
    }
  }

  private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  /**
   * The kept value for {@code key} while fresh (unless {@code bypassCaches}), else the value of one run of
   * {@code loader}, shared with every thread asking meanwhile.
   *
   * @throws RuntimeException what {@code loader} threw, unwrapped, to every thread that waited for it
   */
  public V get(K key, TimeSource time, boolean bypassCaches, Supplier<Loaded<V>> loader) {
    if (bypassCaches) {
      kept.remove(key);
    } else {
      Kept<V> k = kept.get(key);
      if (k != null && k.freshAt(time.nanoTime())) {
        return k.value;
      }
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return Futures.join(running);
    }
    try {
      Kept<V> k = kept.get(key);
      // Another thread may have kept a value between our first look and winning the flight.
      V v = !bypassCaches && k != null && k.freshAt(time.nanoTime()) ? k.value : loadAndKeep(key, time, loader);
      mine.complete(v);
      return v;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private V loadAndKeep(K key, TimeSource time, Supplier<Loaded<V>> loader) {
    Loaded<V> loaded = Objects.requireNonNull(loader.get(), "the loader returned null");
    long received = time.nanoTime();
    Duration keep = loaded.keepFor();
    if (keep.isNegative() || keep.isZero()) {
      kept.remove(key);
    } else {
      kept.put(key, new Kept<>(loaded.value(), received + saturatedNanos(keep)));
    }
    return loaded.value();
  }

  private static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofDays(365L * 100)) > 0 ? Long.MAX_VALUE / 4 : d.toNanos();
  }

  /** Forgets every kept value (after a write-back, or on close). */
  public void clear() {
    kept.clear();
  }
}

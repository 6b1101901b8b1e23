package dev.fireflyauth.redis;

import dev.fireflyauth.TimeSource;
import dev.fireflyauth.cache.Backoff;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreException;
import dev.fireflyauth.spi.support.MissingDependency;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A token store in Redis: each entry is one string key (the library's {@code firefly-auth:v1:<hash>}) holding
 * the sealed bytes, expiring with the token; the exchange lock of an entry is the key {@code <entry>:lock}.
 *
 * <p>Why it exists: processes on many machines share a token through the Redis they already run, and only one
 * of them exchanges when the token is missing (a distributed single flight):
 * <ul>
 *   <li>{@link #lock}: {@code SET <entry>:lock <random owner> NX PX <lease>}; a waiter polls with backoff (5 ms
 *       doubling to 100 ms) up to {@code maxWait}, then gives up. The holder renews the lease while it holds
 *       the lock, never beyond {@code maxWait} after taking it, and releases it by compare-and-delete of its
 *       owner value (Lua), so it can never remove a lock another process took after its lease ran out; closing
 *       the store releases the locks it still holds. A holder that dies or freezes delays the others by at most
 *       the lease ({@code FIREFLY_REDIS_LOCK_LEASE}, default 5 s, at most {@code maxWait}).</li>
 *   <li>{@link #delete} with an expected value is a compare-and-delete (Lua) too.</li>
 *   <li>Values are opaque bytes; a value larger than any entry can be is refused unread into the library.</li>
 * </ul>
 * Nothing connects until the first call, and Redis trouble of any kind is a {@link TokenStoreException}
 * within the command timeout (see {@link LettuceSession}), which the library turns into a plain exchange and
 * one warning. Thread-safe.
 */
final class RedisTokenStore implements TokenStore {
  /** Larger than any sealed entry: a value beyond it is someone else's data. */
  static final int MAX_VALUE_BYTES = 64 * 1024;
  static final String LOCK_SUFFIX = ":lock";
  /** What {@link #entries()} scans for: the library's key prefix without its version. */
  static final String KEY_PATTERN = "firefly-auth:*";
  private static final String DELETE_IF_EQUALS =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
  private static final String RENEW_IF_OWNER =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
  /** A waiter's polls: 5 ms doubling to 100 ms, each less a random 0–50 %. */
  private static final Backoff POLL = Backoff.of(Duration.ofMillis(5), Duration.ofMillis(100), 0.5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisConfig config;
  private final TimeSource time;
  private final String describe;
  /** Locks handed out and not yet released: {@link #close()} releases them rather than leave them for the lease. */
  private final Set<HeldLock> held = ConcurrentHashMap.newKeySet();
  private LettuceSession session; // guarded by this
  private boolean closed; // guarded by this

  RedisTokenStore(RedisConfig config, TimeSource time) {
    this.config = config;
    this.time = time;
    this.describe = "redis " + config.location().display();
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public Optional<byte[]> read(String key) {
    byte[] value = session().get(bytes(key));
    if (value == null) {
      return Optional.empty();
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new TokenStoreException(describe + ": the value under " + key + " has " + value.length
          + " bytes, more than a token entry can have", null);
    }
    return Optional.of(value);
  }

  @Override
  public void write(String key, byte[] value, Instant expiresAt) {
    long ttl = Duration.between(time.now(), expiresAt).toMillis();
    if (ttl > 0) {
      session().set(bytes(key), value, ttl);
    }
  }

  @Override
  public void delete(String key, byte[] expected) {
    if (expected == null) {
      session().delete(bytes(key));
    } else {
      session().eval(DELETE_IF_EQUALS, bytes(key), expected);
    }
  }

  @Override
  public Optional<Lock> lock(String key, Duration maxWait) throws InterruptedException {
    LettuceSession s = session();
    byte[] lockKey = bytes(key + LOCK_SUFFIX);
    byte[] owner = owner();
    long lease = Math.max(1, Math.min(config.lockLease().toMillis(), maxWait.toMillis()));
    long start = System.nanoTime();
    long deadline = start + Math.max(0, maxWait.toNanos());
    for (int polls = 1; ; polls++) {
      boolean taken;
      try {
        taken = s.setIfAbsent(lockKey, owner, lease);
      } catch (TokenStoreException e) {
        // The SET may still run once Redis answers again (it was sent, its reply timed out): queue the release
        // behind it, so such a lock is not left for its lease.
        s.evalAndForget(DELETE_IF_EQUALS, lockKey, owner);
        throw e;
      }
      if (taken) {
        HeldLock l = new HeldLock(s, held, lockKey, owner, start, maxWait, lease);
        held.add(l);
        return Optional.of(l);
      }
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (leftMs <= 0) {
        return Optional.empty();
      }
      Thread.sleep(Math.max(1, Math.min(POLL.delay(polls, null).toMillis(), leftMs)));
    }
  }

  @Override
  public Map<String, byte[]> entries() {
    LettuceSession s = session();
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (byte[] k : s.scan(KEY_PATTERN)) {
      String key = new String(k, StandardCharsets.UTF_8);
      if (key.endsWith(LOCK_SUFFIX)) {
        continue;
      }
      byte[] v = s.get(k);
      if (v != null && v.length <= MAX_VALUE_BYTES) {
        out.put(key, v);
      }
    }
    return out;
  }

  @Override
  public Optional<String> problem() {
    try {
      session().ping();
      return Optional.empty();
    } catch (TokenStoreException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Releases the locks still held (each within the command timeout), then closes the client. */
  @Override
  public void close() {
    LettuceSession s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = session;
      session = null;
    }
    for (HeldLock l : held) {
      try {
        l.close();
      } catch (TokenStoreException e) {
        // Redis is unreachable: the lock lapses with its lease
      }
    }
    if (s != null) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return "RedisTokenStore{" + config.location().display() + '}';
  }

  /** The session, created (with the client and its event loops, not yet connected) on first use. */
  private synchronized LettuceSession session() {
    if (closed) {
      throw new TokenStoreException(describe + ": the store is closed", null);
    }
    if (session == null) {
      try {
        session = new LettuceSession(config, describe);
      } catch (LinkageError e) {
        throw new TokenStoreException(MissingDependency.broken("token store " + describe, e).getMessage(), null);
      }
    }
    return session;
  }

  private static byte[] owner() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return bytes(HexFormat.of().formatHex(b));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A lock this process holds: renewed while held (within the exchange deadline), released on close, or when
   * the store closes.
   */
  private static final class HeldLock implements Lock {
    private final LettuceSession session;
    private final Set<HeldLock> held;
    private final byte[] key;
    private final byte[] owner;
    private final AtomicReference<Future<?>> renewal = new AtomicReference<>();
    private boolean released; // guarded by this

    HeldLock(LettuceSession session, Set<HeldLock> held, byte[] key, byte[] owner, long startNanos, Duration maxWait,
        long leaseMs) {
      this.session = session;
      this.held = held;
      this.key = key;
      this.owner = owner;
      long maxMs = maxWait.toMillis();
      if (maxMs > leaseMs) {
        renewal.set(session.every(Duration.ofMillis(Math.max(1, leaseMs / 3)), () -> {
          long left = maxMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
          if (left <= 0) {
            stopRenewing();
            return;
          }
          session.evalAndForget(RENEW_IF_OWNER, key, owner, bytes(Long.toString(Math.min(leaseMs, left))));
        }));
      }
    }

    private void stopRenewing() {
      Future<?> f = renewal.getAndSet(null);
      if (f != null) {
        f.cancel(false);
      }
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      released = true;
      stopRenewing();
      held.remove(this);
      session.eval(DELETE_IF_EQUALS, key, owner);
    }
  }
}

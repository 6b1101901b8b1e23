package dev.fireflyauth.redis;

import com.google.auto.service.AutoService;
import dev.fireflyauth.Setting;
import dev.fireflyauth.spi.StoreContext;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreFactory;
import java.util.List;

/**
 * Opens the Redis token store for {@code FIREFLY_TOKEN_STORE=redis://host:6379/0} and its TLS, Sentinel and
 * Cluster forms ({@code rediss://}, {@code redis-sentinel://…?sentinelMasterId=…}, {@code redis-cluster://…};
 * see {@link RedisLocation}), so that a fleet of processes shares one token per credential.
 *
 * <p>Why it exists: a fleet of pods or batch workers would otherwise each exchange on its own, and IMS would
 * see the fleet's size times the token rate. Found with {@link java.util.ServiceLoader}; being on the class
 * path costs nothing: this class and {@link #open} touch no Redis client class, and no connection or thread
 * exists until the store is first used.
 *
 * <p>Credentials come from a password in the URI or from {@link #USERNAME} / {@link #PASSWORD}; they are never
 * shown (URIs are shown as {@code redis://***@host:6379/0}). Immutable and thread-safe.
 */
@AutoService(TokenStoreFactory.class)
public final class RedisTokenStoreFactory implements TokenStoreFactory {
  /** The Redis ACL user (Redis 6+); without it the {@code default} user. */
  public static final Setting USERNAME = Setting.of("firefly.redis.username", "FIREFLY_REDIS_USERNAME");
  /** The Redis password ({@code requirepass} or the ACL user's); never printed. */
  public static final Setting PASSWORD = Setting.of("firefly.redis.password", "FIREFLY_REDIS_PASSWORD");
  /** The longest one Redis command may wait for its reply; seconds or ISO-8601, default 0.25 s. */
  public static final Setting TIMEOUT = Setting.of("firefly.redis.timeout", "FIREFLY_REDIS_TIMEOUT");
  /** The longest a TCP connect to Redis may take; seconds or ISO-8601, default 1 s. */
  public static final Setting CONNECT_TIMEOUT =
      Setting.of("firefly.redis.connect.timeout", "FIREFLY_REDIS_CONNECT_TIMEOUT");
  /**
   * How long the exchange lock outlives a holder that died or froze (a live holder renews it, never beyond
   * the exchange deadline); seconds or ISO-8601, default 5 s.
   */
  public static final Setting LOCK_LEASE = Setting.of("firefly.redis.lock.lease", "FIREFLY_REDIS_LOCK_LEASE");

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public List<String> schemes() {
    return RedisLocation.SCHEMES;
  }

  @Override
  public TokenStore open(String spec, StoreContext context) {
    return new RedisTokenStore(RedisConfig.from(spec, context.settings()), context.time());
  }

  @Override
  public String toString() {
    return "RedisTokenStoreFactory" + schemes();
  }
}

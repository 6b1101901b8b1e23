package dev.fireflyauth.spi;

import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;

/** What a {@link TokenStoreFactory} gets when it opens a store: settings, the clock, and a way to warn once. */
public interface StoreContext {

  /** Settings to read (e.g. {@code FIREFLY_REDIS_PASSWORD}, {@code XDG_CACHE_HOME}). */
  Settings settings();

  /** The clock for waits and expiries. */
  TimeSource time();

  /** Logs {@code message} once and records it for {@code explain()}. */
  void warn(String message);
}

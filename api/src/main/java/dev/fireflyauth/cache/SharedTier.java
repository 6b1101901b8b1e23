package dev.fireflyauth.cache;

import dev.fireflyauth.AccessToken;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A second cache tier behind a {@link TokenCache}, shared with other processes (a token store on disk or in
 * Redis), consulted only when the cache would otherwise exchange.
 *
 * <p>Why it exists: a token cache lives as long as its process; shell scripts, CI jobs and fleets of pods
 * would each exchange again. The cache asks its tier instead: the tier returns a token another process
 * stored if {@code fresh} accepts it, else runs {@code exchange} under a cross-process lock (re-reading
 * first, so that of many processes starting together only one exchanges) and stores the result.
 *
 * <p>A tier must never fail a call because of the store: an unreadable, corrupt or unreachable store means a
 * plain exchange (and a warning). Exceptions from {@code exchange} itself pass through unchanged.
 */
public interface SharedTier {

  /**
   * A token: one stored by another process when {@code fresh} accepts it, else {@code exchange}'s.
   *
   * @throws RuntimeException exactly what {@code exchange} threw
   */
  AccessToken obtain(Supplier<AccessToken> exchange, Predicate<AccessToken> fresh);

  /** Removes {@code rejected} from the store if the store still holds it; never throws. */
  void invalidate(AccessToken rejected);
}

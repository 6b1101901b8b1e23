package dev.fireflyauth.cache;

import dev.fireflyauth.AccessToken;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/** Several {@link TokenCacheListener}s as one; see {@link TokenCacheListener#all}. */
final class CompositeListener implements TokenCacheListener {
  private static final System.Logger LOG = System.getLogger(CompositeListener.class.getName());

  private final List<TokenCacheListener> listeners;

  CompositeListener(List<TokenCacheListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void onRefresh(AccessToken token, Duration took) {
    for (TokenCacheListener l : listeners) {
      try {
        l.onRefresh(token, took);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "token cache listener onRefresh threw " + e.getClass().getName());
      }
    }
  }

  @Override
  public void onFailure(
      RuntimeException error, int consecutiveFailures, Duration nextAttemptIn, boolean stillValid, Duration took) {
    for (TokenCacheListener l : listeners) {
      try {
        l.onFailure(error, consecutiveFailures, nextAttemptIn, stillValid, took);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "token cache listener onFailure threw " + e.getClass().getName());
      }
    }
  }
}

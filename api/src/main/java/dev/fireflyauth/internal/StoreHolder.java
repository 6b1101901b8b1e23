package dev.fireflyauth.internal;

import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.TraceEntry.Outcome;
import dev.fireflyauth.TraceEntry.Stage;
import dev.fireflyauth.cache.SharedTier;
import dev.fireflyauth.internal.store.StoreTier;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.store.TokenStores;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The token store of one {@code FireflyAuth}: which one (given in code, named in code, or by
 * {@code FIREFLY_TOKEN_STORE}), opened on first use, closed with it when we opened it, and the warnings it
 * caused, for {@code explain()}.
 */
public final class StoreHolder {
  private static final System.Logger LOG = System.getLogger(StoreHolder.class.getName());

  private final TokenStore given;
  private final String spec;
  private final Settings settings;
  private final TimeSource time;
  private final List<ClassLoader> loaders;
  private final Consumer<String> warnOnce;
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private boolean opened; // guarded by lock
  private TokenStore store; // guarded by lock
  private volatile boolean closed;

  /**
   * @param given a store the application built (it stays the application's to close), or null
   * @param spec a spec given in code ({@code file}, {@code none}, …), or null to read the setting
   */
  public StoreHolder(TokenStore given, String spec, Settings settings, TimeSource time, List<ClassLoader> loaders,
      Consumer<String> warnOnce) {
    this.given = given;
    this.spec = spec;
    this.settings = settings;
    this.time = time;
    this.loaders = loaders;
    this.warnOnce = warnOnce;
  }

  /**
   * The store, opened on first call; empty when none is configured.
   *
   * @throws dev.fireflyauth.ConfigurationException when the spec names an unknown store or is malformed
   */
  public Optional<TokenStore> store() {
    synchronized (lock) {
      if (closed) {
        return Optional.empty();
      }
      if (!opened) {
        store = given != null ? given
            : spec != null
                ? TokenStores.open(spec, "FireflyAuth.builder().tokenStore(...)", settings, time, loaders, this::warn)
                    .orElse(null)
                : TokenStores.fromSettings(settings, time, loaders, this::warn).orElse(null);
        opened = true;
      }
      return Optional.ofNullable(store);
    }
  }

  /** The shared tier for a token provider's cache, or empty without a store. */
  public Optional<SharedTier> tier(URI issuer, Duration maxWait, CredentialsHandle credentials) {
    return store().map(s -> new StoreTier(s, issuer, credentials, maxWait, time, this::warn));
  }

  /** A warning about the store: logged once, kept for {@link #traceEntry}. */
  public void warn(String message) {
    if (!notes.contains(message)) {
      notes.add(message);
    }
    warnOnce.accept(message);
  }

  /**
   * The store's line for {@code explain()}, checking now whether it can be used; empty when no store is
   * configured. Never throws.
   */
  public Optional<TraceEntry> traceEntry() {
    Optional<TokenStore> s;
    try {
      s = store();
    } catch (RuntimeException e) {
      return Optional.of(new TraceEntry(Stage.STORE, "token-store", Outcome.BROKEN, e.getMessage(), null, notes));
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> problem;
    try {
      problem = s.get().problem();
    } catch (RuntimeException e) {
      problem = Optional.of(e.getMessage());
    }
    String name = s.get().describe().split(" ", 2)[0];
    return Optional.of(problem
        .map(p -> new TraceEntry(Stage.STORE, name, Outcome.UNAVAILABLE,
            p + "; tokens are exchanged without it", null, notes))
        .orElseGet(() -> new TraceEntry(Stage.STORE, name, Outcome.USED,
            "shares tokens with other processes: " + s.get().describe(), null, notes)));
  }

  /** Closes the store if we opened it. */
  public void close() {
    TokenStore toClose;
    synchronized (lock) {
      closed = true;
      toClose = given == null ? store : null;
      store = null;
    }
    if (toClose != null) {
      try {
        toClose.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing the token store failed: " + e.getClass().getName());
      }
    }
  }
}

package dev.fireflyauth.store;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.internal.Discovery;
import dev.fireflyauth.internal.store.EntryKeys;
import dev.fireflyauth.internal.store.Sealer;
import dev.fireflyauth.spi.StoreContext;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Opens the token store a setting names, and lists or clears what a store holds without any secret.
 *
 * <p>Why it exists: {@link dev.fireflyauth.FireflyAuth} opens the store named by {@code FIREFLY_TOKEN_STORE}
 * (or given to its builder) for its token providers, and {@code firefly-auth cache list|clear} must read the
 * same store; both find store providers the same way ({@link java.util.ServiceLoader}, like sources).
 *
 * <p>Specs: {@code none} (the library's default), {@code file} (the default directory), {@code file:/dir},
 * and what discovered store providers add ({@code redis://…}, {@code rediss://…}). An unknown scheme is a
 * configuration error listing the known ones; a spec is never printed whole (it may hold a password).
 */
public final class TokenStores {
  /** The setting that selects the store. */
  public static final Setting SETTING = Setting.TOKEN_STORE;
  /** The spec that turns the store off. */
  public static final String NONE = "none";

  private TokenStores() {}

  /**
   * The store {@code spec} names, or empty for {@code none}.
   *
   * @param where how messages name the spec, e.g. {@code environment variable FIREFLY_TOKEN_STORE}
   * @throws ConfigurationException when the scheme is unknown or the spec malformed
   */
  public static Optional<TokenStore> open(
      String spec, String where, Settings settings, TimeSource time, List<ClassLoader> loaders,
      Consumer<String> warn) {
    String s = spec.trim();
    String scheme = scheme(s);
    if (scheme.equals(NONE) && s.length() == NONE.length()) {
      return Optional.empty();
    }
    List<TokenStoreFactory> factories = factories(loaders);
    for (TokenStoreFactory f : factories) {
      if (f.schemes().contains(scheme)) {
        return Optional.of(f.open(s, new Context(settings, time, warn)));
      }
    }
    TreeSet<String> known = new TreeSet<>();
    known.add(NONE);
    factories.forEach(f -> known.addAll(f.schemes()));
    throw new ConfigurationException(where + " names an unknown token store '" + scheme + "'; known: "
        + String.join(", ", known) + (known.contains("redis") ? ""
            : " (redis:// and rediss:// need firefly-auth-token-store-redis on the class path)"));
  }

  /** The store {@code settings} select through {@link #SETTING}; empty when unset or {@code none}. */
  public static Optional<TokenStore> fromSettings(
      Settings settings, TimeSource time, List<ClassLoader> loaders, Consumer<String> warn) {
    Optional<Settings.Value> v = settings.get(SETTING);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return open(v.get().value(), v.get().where(), settings, time, loaders, warn);
  }

  /**
   * What {@code store} holds, newest expiry last, readable without a secret. Entries of expired tokens are
   * removed as they are met; entries that are not ours or cannot be parsed are left alone and not listed.
   */
  public static List<StoredEntry> list(TokenStore store, Instant now) {
    List<StoredEntry> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : store.entries().entrySet()) {
      if (!EntryKeys.isEntryKey(e.getKey())) {
        continue;
      }
      try {
        StoredEntry entry = Sealer.describe(e.getKey(), e.getValue());
        if (entry.expiredAt(now)) {
          store.delete(e.getKey(), e.getValue());
        } else {
          out.add(entry);
        }
      } catch (Sealer.Unreadable unreadable) {
        // someone else's data, or a damaged entry the next write replaces
      }
    }
    out.sort((a, b) -> a.expiresAt().compareTo(b.expiresAt()));
    return out;
  }

  /** Removes every entry of ours from {@code store}; returns how many. */
  public static int clear(TokenStore store) {
    int n = 0;
    for (String key : store.entries().keySet()) {
      if (EntryKeys.isEntryKey(key)) {
        store.delete(key, null);
        n++;
      }
    }
    return n;
  }

  /** The scheme of a spec: {@code redis} for {@code redis://h}, {@code file} for {@code file} and {@code file:/d}. */
  static String scheme(String spec) {
    int colon = spec.indexOf(':');
    return (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  private static List<TokenStoreFactory> factories(List<ClassLoader> loaders) {
    return Discovery.load(TokenStoreFactory.class, loaders, TraceEntry.Stage.STORE, TokenStoreFactory::name).providers();
  }

  private record Context(Settings settings, TimeSource time, Consumer<String> warnings) implements StoreContext {
    @Override
    public void warn(String message) {
      warnings.accept(message);
    }
  }
}

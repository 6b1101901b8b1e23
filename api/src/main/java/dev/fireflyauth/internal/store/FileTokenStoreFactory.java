package dev.fireflyauth.internal.store;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.StoreContext;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

/**
 * Opens the {@link FileTokenStore} for {@code FIREFLY_TOKEN_STORE=file} (the directory
 * {@code $XDG_CACHE_HOME/firefly-auth/}, else {@code ~/.cache/firefly-auth/}) or {@code file:/some/dir}.
 * Registered for {@link java.util.ServiceLoader} by the api jar itself.
 */
public final class FileTokenStoreFactory implements TokenStoreFactory {
  static final String SCHEME = "file";
  static final String DIR_NAME = "firefly-auth";

  @Override
  public String name() {
    return SCHEME;
  }

  @Override
  public List<String> schemes() {
    return List.of(SCHEME);
  }

  @Override
  public TokenStore open(String spec, StoreContext context) {
    String rest = spec.length() > SCHEME.length() ? spec.substring(SCHEME.length() + 1).trim() : "";
    if (!rest.isEmpty()) {
      return new FileTokenStore(path(rest, context.settings()));
    }
    Optional<Path> dir = defaultDir(context.settings());
    return dir.<TokenStore>map(FileTokenStore::new).orElseGet(() -> new UnavailableStore("file (default location)",
        "neither XDG_CACHE_HOME nor a home directory (user.home) is set; set FIREFLY_TOKEN_STORE=file:/some/dir"));
  }

  /** {@code $XDG_CACHE_HOME/firefly-auth}, else {@code ~/.cache/firefly-auth}; empty when neither is known. */
  static Optional<Path> defaultDir(Settings settings) {
    Optional<Settings.Value> xdg = settings.env("XDG_CACHE_HOME");
    if (xdg.isPresent() && xdg.get().value().startsWith("/")) { // the XDG spec: a relative value is ignored
      return Optional.of(Paths.get(xdg.get().value()).resolve(DIR_NAME));
    }
    return settings.property("user.home").map(v -> Paths.get(v.value(), ".cache", DIR_NAME));
  }

  private static Path path(String text, Settings settings) {
    String t = text.startsWith("//") ? text.substring(2) : text;
    try {
      if (t.equals("~") || t.startsWith("~/")) {
        String home = settings.property("user.home").map(Settings.Value::value).orElse("");
        return Paths.get(home, t.substring(1).replaceFirst("^/+", ""));
      }
      return Paths.get(t);
    } catch (InvalidPathException e) {
      throw new ConfigurationException("token store 'file:" + text + "' is not a valid path: " + e.getReason());
    }
  }
}

package dev.fireflyauth.file;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.spi.support.LocatorParams;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Works out which file and profile a {@code load} is about, from the locator, the settings or the default
 * location, in that order.
 *
 * <p>Why it exists: the precedence rules and their error messages (unknown locator parameter, bad path, empty
 * profile) are the source's user interface; keeping them apart from reading files keeps both readable.
 */
final class WhichFile {
  static final String PROFILE_PARAM = "profile";
  private static final List<String> PARAMS = List.of(PROFILE_PARAM);
  /** Where the default file lives, below the home directory. */
  static final String DEFAULT_RELATIVE = ".config/firefly/credentials.json";

  private WhichFile() {}

  /**
   * The file and profile a load or a write-back is about: the named file, else the default file when it exists.
   *
   * @param whyNot told why, when empty (the source is not configured here)
   */
  static Optional<FileRequest> resolve(SourceContext context, Consumer<String> whyNot) {
    Optional<FileRequest> named = named(context);
    if (named.isPresent()) {
      return named;
    }
    Optional<FileRequest> atDefault = atDefault(context);
    if (atDefault.isEmpty()) {
      whyNot.accept(Setting.CREDENTIALS_FILE.env() + " is not set and user.home is unknown");
    } else if (!Files.exists(atDefault.get().path(), LinkOption.NOFOLLOW_LINKS)) {
      whyNot.accept(atDefault.get().path() + " does not exist and " + Setting.CREDENTIALS_FILE.env() + " is not set");
      return Optional.empty();
    }
    return atDefault;
  }

  /** The file the user named (locator path or {@code FIREFLY_CREDENTIALS_FILE}), or empty. */
  private static Optional<FileRequest> named(SourceContext context) {
    Optional<Locator> locator = context.locator();
    locator.ifPresent(l -> LocatorParams.check(l, FileCredentialSource.NAME, PARAMS, true));
    if (locator.isPresent() && !locator.get().part().isEmpty()) {
      String from = "locator '" + locator.get() + "'";
      return Optional.of(request(context, toPath(context, locator.get().part(), from), from));
    }
    Optional<Settings.Value> setting = context.settings().get(Setting.CREDENTIALS_FILE);
    if (setting.isPresent()) {
      String from = setting.get().where();
      return Optional.of(request(context, toPath(context, setting.get().value(), from), from));
    }
    return Optional.empty();
  }

  /** The default location {@code ~/.config/firefly/credentials.json}, or empty when no home is known. */
  private static Optional<FileRequest> atDefault(SourceContext context) {
    return home(context).map(home -> request(
        context, home.resolve(DEFAULT_RELATIVE).toAbsolutePath().normalize(), "the default location"));
  }

  private static FileRequest request(SourceContext context, Path path, String pathFrom) {
    Optional<String> fromLocator = LocatorParams.value(context.locator(), PROFILE_PARAM);
    if (fromLocator.isPresent()) {
      String from = LocatorParams.where(context.locator().get(), PROFILE_PARAM);
      return new FileRequest(path, pathFrom, fromLocator.get(), from);
    }
    Optional<Settings.Value> setting = context.settings().get(Setting.PROFILE);
    return setting
        .map(v -> new FileRequest(path, pathFrom, v.value(), v.where()))
        .orElseGet(() -> new FileRequest(path, pathFrom, FileRequest.DEFAULT_PROFILE, "the default"));
  }

  /** Resolves {@code text} to an absolute path; a leading {@code ~/} means the home directory. */
  private static Path toPath(SourceContext context, String text, String from) {
    try {
      if (text.equals("~") || text.startsWith("~/")) {
        Path home = home(context).orElseThrow(() -> new CredentialSourceException(
            FileCredentialSource.NAME, "path '" + text + "' (" + from + ") starts with '~' but user.home is not set"));
        return home.resolve(text.substring(1).replaceFirst("^/+", "")).toAbsolutePath().normalize();
      }
      return Paths.get(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new CredentialSourceException(
          FileCredentialSource.NAME, "'" + text + "' (" + from + ") is not a valid path: " + e.getReason());
    }
  }

  private static Optional<Path> home(SourceContext context) {
    return context.settings().property("user.home").map(v -> Paths.get(v.value()));
  }
}

package dev.fireflyauth.file;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.SourceContext;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Set;

/**
 * Works out which file and profile a {@code load} is about, from the locator, the settings or the default
 * location, in that order.
 *
 * <p>Why it exists: the precedence rules and their error messages (unknown locator parameter, bad path, empty
 * profile) are the source's user interface; keeping them apart from reading files keeps both readable.
 */
final class Requests {
  static final String PROFILE_PARAM = "profile";
  private static final Set<String> PARAMS = Set.of(PROFILE_PARAM);
  /** Where the default file lives, below the home directory. */
  static final String DEFAULT_RELATIVE = ".config/firefly/credentials.json";

  private Requests() {}

  /** The file the user named (locator path or {@code FIREFLY_CREDENTIALS_FILE}), or empty. */
  static Optional<FileRequest> named(SourceContext context) {
    Optional<Locator> locator = context.locator();
    locator.ifPresent(Requests::checkParams);
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
  static Optional<FileRequest> atDefault(SourceContext context) {
    return home(context).map(home -> request(
        context, home.resolve(DEFAULT_RELATIVE).toAbsolutePath().normalize(), "the default location"));
  }

  private static FileRequest request(SourceContext context, Path path, String pathFrom) {
    Optional<String> fromLocator = context.locator().flatMap(l -> l.param(PROFILE_PARAM));
    if (fromLocator.isPresent()) {
      String from = "locator parameter '" + PROFILE_PARAM + "'";
      if (fromLocator.get().isBlank()) {
        throw new CredentialSourceException(
            FileCredentialSource.NAME, "locator '" + context.locator().get() + "': the profile parameter is empty");
      }
      return new FileRequest(path, pathFrom, fromLocator.get().trim(), from);
    }
    Optional<Settings.Value> setting = context.settings().get(Setting.PROFILE);
    return setting
        .map(v -> new FileRequest(path, pathFrom, v.value(), v.where()))
        .orElseGet(() -> new FileRequest(path, pathFrom, FileRequest.DEFAULT_PROFILE, "the default"));
  }

  private static void checkParams(Locator locator) {
    for (String p : locator.params().keySet()) {
      if (!PARAMS.contains(p)) {
        throw new CredentialSourceException(
            FileCredentialSource.NAME,
            "locator '" + locator + "': unknown parameter '" + p + "'; the file source knows: " + PROFILE_PARAM);
      }
    }
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

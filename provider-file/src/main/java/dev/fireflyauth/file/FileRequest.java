package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.support.JsonProblem;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One resolved request to the file source: which path, which profile, and where each was read.
 *
 * <p>Why it exists: every error message must name the file, the profile and where the user configured them,
 * and every reader needs the same wording; keeping that in one value means no reader formats it on its own.
 * Immutable; equal requests share one cache entry.
 */
final class FileRequest {
  static final String DEFAULT_PROFILE = "default";

  private final Path path;
  private final String pathFrom;
  private final String profile;
  private final String profileFrom;

  FileRequest(Path path, String pathFrom, String profile, String profileFrom) {
    this.path = Objects.requireNonNull(path, "path");
    this.pathFrom = Objects.requireNonNull(pathFrom, "pathFrom");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.profileFrom = Objects.requireNonNull(profileFrom, "profileFrom");
  }

  /** The absolute, normalised path as the user wrote it (symbolic links not resolved, so messages match). */
  Path path() {
    return path;
  }

  String profile() {
    return profile;
  }

  /** The profile as messages show it (cleaned and cut short: it is text the user typed). */
  String shownProfile() {
    return Shown.name(profile);
  }

  boolean defaultProfile() {
    return DEFAULT_PROFILE.equals(profile);
  }

  /** Where the path came from, e.g. {@code environment variable FIREFLY_CREDENTIALS_FILE}. */
  String pathFrom() {
    return pathFrom;
  }

  /** Where the profile came from, e.g. {@code locator parameter 'profile'}. */
  String profileFrom() {
    return profileFrom;
  }

  /** {@code file /etc/firefly/credentials.json [profile prod]}: the subject of every message. */
  String describe() {
    return FileCredentialSource.NAME + " " + path + " [profile " + shownProfile() + "]";
  }

  /** The origin to record on credentials; names the profile only when the file chose between several. */
  String origin(boolean profileUsed) {
    return FileCredentialSource.NAME + " " + path + (profileUsed ? " [profile " + shownProfile() + "]" : "");
  }

  /**
   * Maps parsed fields to credentials through the shared {@link CredentialFields} rules, so every format
   * reports a missing or malformed field the same way.
   *
   * @param profileUsed whether the file chose between profiles (then the origin names the profile)
   */
  ClientCredentials credentials(Map<String, ?> fields, boolean profileUsed) {
    return CredentialFields.standard()
        .toCredentials(fields, FileCredentialSource.NAME, describe(), origin(profileUsed));
  }

  /** A broken-source error about this file; {@code detail} must never contain file content. */
  CredentialSourceException broken(String detail) {
    return new CredentialSourceException(FileCredentialSource.NAME, describe() + ": " + detail);
  }

  /** The error for a JSON syntax error, in the one wording every source uses ({@link JsonProblem#describe}). */
  CredentialSourceException notJson(JsonProblem problem) {
    return new CredentialSourceException(FileCredentialSource.NAME, problem.describe(describe()));
  }

  /** A broken-source error pointing at a position in the file. */
  CredentialSourceException broken(String detail, int line, int column) {
    return broken(detail + " at line " + line + ", column " + column);
  }

  /** Fails unless the default profile is asked for: formats without profiles cannot honour another. */
  void requireDefaultProfile(String format) {
    if (!defaultProfile()) {
      throw broken("profile '" + shownProfile() + "' was requested (" + profileFrom + ") but " + format
          + " has no profiles; remove the profile or use a JSON file with a \"profiles\" object");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileRequest r && path.equals(r.path) && profile.equals(r.profile);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + profile.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}

package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
import java.util.List;
import java.util.Locale;

/**
 * Decides which format a credentials path holds and hands it to the matching reader: a directory is a
 * secret volume; a text file whose first character opens JSON (or whose name ends in {@code .json}) is JSON,
 * including the Developer Console project file; anything else is dotenv / properties.
 *
 * <p>Why it exists: users name files freely ({@code credentials}, {@code firefly.env}, {@code prod.conf}), so
 * the content decides; the {@code .json} name only keeps a broken JSON file from being misread as dotenv,
 * which would give a less helpful error.
 */
final class Formats {
  private Formats() {}

  /**
   * What one load read.
   *
   * @param looks the verified look of each file read, in the order of {@link FileState#files()}
   * @param problems the permission problems found (warned about: a strict load refuses instead)
   */
  record Loaded(ClientCredentials credentials, List<FileLook> looks, List<PermissionCheck.Problem> problems) {}

  static Loaded read(FileState state, FileReading reading) {
    if (state.isDirectory()) {
      return SecretVolume.read(state, reading);
    }
    FileRequest request = reading.request();
    TextFile.Content content = TextFile.read(request.path(), "", reading);
    return new Loaded(parse(content.text(), request), List.of(content.look()), reading.problems());
  }

  /** The credentials in the text of a file (not a directory). */
  static ClientCredentials parse(String text, FileRequest request) {
    if (text.isBlank()) {
      throw request.broken("is empty");
    }
    if (isJson(text, request)) {
      return JsonCredentials.read(text, request);
    }
    request.requireDefaultProfile("a dotenv / properties file");
    return request.credentials(Dotenv.parse(text, request), false);
  }

  /** Whether the text of a non-empty file is read as JSON. */
  static boolean isJson(String text, FileRequest request) {
    String t = text.strip();
    char first = t.isEmpty() ? ' ' : t.charAt(0);
    return first == '{' || first == '[' || first == '"'
        || request.path().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }
}

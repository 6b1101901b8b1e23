package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
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

  static ClientCredentials read(FileRequest request, FileState state) {
    if (state.isDirectory()) {
      return SecretVolume.read(request);
    }
    String text = TextFile.read(request.path(), request, "");
    if (text.isBlank()) {
      throw request.broken("is empty");
    }
    if (looksLikeJson(request, text)) {
      return JsonCredentials.read(text, request);
    }
    request.requireDefaultProfile("a dotenv / properties file");
    return request.credentials(Dotenv.parse(text, request), false);
  }

  private static boolean looksLikeJson(FileRequest request, String text) {
    char first = text.strip().charAt(0);
    return first == '{' || first == '[' || first == '"'
        || request.path().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }
}

package dev.fireflyauth.file;

import dev.fireflyauth.TransientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a small UTF-8 text file defensively: at most 1 MiB, strict decoding, a leading byte-order mark
 * dropped, binary content refused.
 *
 * <p>Why it exists: a credentials path can point anywhere (a log file, a key store, {@code /dev/zero}); the
 * reader must fail fast with a message that says what is wrong without ever quoting what it read.
 */
final class TextFile {
  /** Credentials files are a few hundred bytes; anything past this is the wrong file. */
  static final int MAX_BYTES = 1024 * 1024;
  private static final char BOM = '\uFEFF';

  private TextFile() {}

  /**
   * The text of {@code file}.
   *
   * @param subject how messages name the file within {@code request}: empty for the file itself, or e.g.
   *     {@code "entry 'client_id' "} for a file in a directory
   */
  static String read(Path file, FileRequest request, String subject) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      // Deleted between the look and the read: a rotation in progress (an editor's rename, the old directory
      // Kubernetes removes after a ..data swap). Transient, not broken: the next load sees the new file.
      throw new TransientException(request.describe() + ": " + subject + "disappeared while being read (a"
          + " rotation in progress?); the next attempt reads the new file", null);
    } catch (IOException e) {
      throw FileState.unreadable(request, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw request.broken(subject + "is larger than 1 MiB and is refused (a credentials file is a few hundred "
          + "bytes; is this the right file?)");
    }
    String text = decode(bytes, request, subject);
    if (!text.isEmpty() && text.charAt(0) == BOM) {
      text = text.substring(1);
    }
    checkText(text, request, subject);
    return text;
  }

  private static String decode(byte[] bytes, FileRequest request, String subject) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw request.broken(subject + "is not UTF-8 text (binary data, or another encoding?)");
    }
  }

  /** Refuses control characters other than tab, line feed and carriage return: they mean binary data. */
  private static void checkText(String text, FileRequest request, String subject) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      if (Character.isISOControl(c) && c != '\t' && c != '\r') {
        throw request.broken(subject + "contains binary data (control character U+"
            + String.format("%04X", (int) c) + ")", line, column);
      }
      column++;
    }
  }
}

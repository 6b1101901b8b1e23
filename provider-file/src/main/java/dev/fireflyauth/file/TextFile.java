package dev.fireflyauth.file;

import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads a small UTF-8 text file defensively, and only the file that was checked: at most 1 MiB, strict
 * decoding, a leading byte-order mark dropped (and remembered), binary content refused.
 *
 * <p>Why it exists: a credentials path can point anywhere (a log file, a key store, {@code /dev/zero}); the
 * reader must fail fast with a message that says what is wrong without ever quoting what it read. And a path
 * can change under the reader (a link flipped, a file renamed over): the path is resolved to its real path
 * once, that file's {@link FileLook} is checked ({@link PermissionCheck}), it is opened without following
 * links, and its look after the read must equal the look that was checked; otherwise the read is repeated.
 */
final class TextFile {
  /** Credentials files are a few hundred bytes; anything past this is the wrong file. */
  static final int MAX_BYTES = 1024 * 1024;
  /** How often a read is repeated when the file keeps changing under it. */
  static final int MAX_ATTEMPTS = 5;

  private TextFile() {}

  /**
   * What was read, and from which file.
   *
   * @param text the text, without a byte-order mark
   * @param byteOrderMark whether the file started with one (a write-back keeps it)
   * @param real the real path that was read (links resolved)
   * @param look the look of {@code real}, the same before and after the read
   */
  record Content(String text, boolean byteOrderMark, Path real, FileLook look) {}

  /**
   * The text of {@code file}.
   *
   * @param subject how messages name the file within the request: empty for the file itself, or e.g.
   *     {@code "entry 'client_id' "} for a file in a directory
   * @throws dev.fireflyauth.CredentialSourceException when the file is unusable or refused (strict mode)
   * @throws TransientException when it disappeared or kept changing while being read (a rotation)
   */
  static Content read(Path file, String subject, FileReading reading) {
    FileRequest request = reading.request();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt == MAX_ATTEMPTS;
      Path real;
      FileLook before;
      try {
        real = file.toRealPath();
        before = FileLook.of(real, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw disappeared(request, subject);
      } catch (IOException e) {
        throw FileState.unreadable(request, e);
      }
      if (!before.regularFile()) {
        if (last) {
          throw request.broken(subject + "is neither a regular file nor a directory (a FIFO, socket or device "
              + "cannot hold credentials)");
        }
        continue; // replaced by a link or directory after it was resolved: resolve again
      }
      Optional<PermissionCheck.Problem> problem = PermissionCheck.inspect(file, real, before);
      problem.ifPresent(reading::beforeRead);
      byte[] bytes;
      FileLook after;
      try (FileChannel channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
          InputStream in = Channels.newInputStream(channel)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
        after = FileLook.of(real, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        if (last) {
          throw disappeared(request, subject);
        }
        continue;
      } catch (AccessDeniedException e) {
        throw FileState.unreadable(request, e);
      } catch (IOException e) {
        if (last) {
          throw FileState.unreadable(request, e);
        }
        continue; // e.g. ELOOP: the real path became a link after it was resolved
      }
      if (!after.equals(before)) {
        if (last) {
          throw new TransientException(request.describe() + ": " + subject + "kept changing while being read (a"
              + " rotation in progress?); the next attempt reads it again", null);
        }
        continue;
      }
      problem.ifPresent(reading::afterRead);
      return decode(bytes, real, before, request, subject);
    }
  }

  private static TransientException disappeared(FileRequest request, String subject) {
    // Deleted between the look and the read: a rotation in progress (an editor's rename, the old directory
    // Kubernetes removes after a ..data swap). Transient, not broken: the next load sees the new file.
    return new TransientException(request.describe() + ": " + subject + "disappeared while being read (a"
        + " rotation in progress?); the next attempt reads the new file", null);
  }

  private static Content decode(byte[] bytes, Path real, FileLook look, FileRequest request, String subject) {
    if (bytes.length > MAX_BYTES) {
      throw request.broken(subject + "is larger than 1 MiB and is refused (a credentials file is a few hundred "
          + "bytes; is this the right file?)");
    }
    boolean bom = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    String text = Utf8.decode(bytes).orElseThrow(
        () -> request.broken(subject + "is not UTF-8 text (binary data, or another encoding?)"));
    checkText(text, request, subject);
    return new Content(text, bom, real, look);
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

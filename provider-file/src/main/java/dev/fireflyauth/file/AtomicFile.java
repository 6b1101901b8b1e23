package dev.fireflyauth.file;

import dev.fireflyauth.CredentialSourceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a credentials file's content all at once: a temporary file in the same directory (created 0600),
 * written and flushed to disk, given the original's group, owner and mode, then renamed over the original
 * with {@code ATOMIC_MOVE}. A reader sees the old file or the new one, never half of either.
 *
 * <p>Why it exists: a write-back runs while applications read the file, and a crash or a full disk must not
 * leave a truncated credentials file behind. It writes the real path (never through a link, which stays as
 * it is), only if that file is still the one that was read, and refuses rather than changing who may read
 * it: a file whose owner or group cannot be kept is left alone. On any failure the original is untouched and
 * the error names the file, never its content.
 */
final class AtomicFile {
  private static final Set<PosixFilePermission> ANY_WRITE = Set.of(PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private AtomicFile() {}

  /**
   * Refuses a file that is read-only (no write bit in its mode, or not writable by this process) or whose
   * directory is (the rename happens there).
   *
   * @param real the real path of the request's file
   * @param look its look when it was read
   */
  static void requireWritable(FileRequest request, Path real, FileLook look) {
    String at = linkNote(request, real);
    Path dir = real.getParent();
    if (look.permissions() != null && look.permissions().stream().noneMatch(ANY_WRITE::contains)) {
      throw refused(request, "the file" + at + " is read-only (" + PosixFilePermissions.toString(look.permissions())
          + "); make it writable (chmod u+w " + real + ") and run the write-back again");
    }
    if (!Files.isWritable(real)) {
      throw refused(request, "the file" + at + " is not writable by the user running this process");
    }
    try {
      FileLook dirLook = FileLook.of(dir);
      if (dirLook.permissions() != null && dirLook.permissions().stream().noneMatch(ANY_WRITE::contains)) {
        throw refused(request, "its directory " + dir + " is read-only ("
            + PosixFilePermissions.toString(dirLook.permissions()) + "), and the file is replaced by a rename there");
      }
    } catch (IOException e) {
      throw refused(request, "its directory " + dir + " cannot be read (" + FileState.reason(e) + ")");
    }
    if (!Files.isWritable(dir)) {
      throw refused(request, "its directory " + dir + " is not writable by the user running this process, and"
          + " the file is replaced by a rename there");
    }
  }

  /**
   * Replaces the content of {@code real} with {@code bytes}.
   *
   * @param expected the look of {@code real} when it was read; a file that changed since is left alone
   * @throws CredentialSourceException when it cannot be done; the file is then unchanged
   */
  static void replace(FileRequest request, Path real, FileLook expected, byte[] bytes) {
    requireWritable(request, real, expected);
    Path dir = real.getParent();
    Path tmp = null;
    try {
      tmp = FileLook.posix(dir)
          ? Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      keepOwnerAndMode(request, tmp, expected);
      if (!expected.equals(FileLook.of(real, LinkOption.NOFOLLOW_LINKS))) {
        throw refused(request, "the file" + linkNote(request, real) + " changed while the new secret was being"
            + " written; it was left as the other writer made it: run the write-back again");
      }
      Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new CredentialSourceException(FileCredentialSource.NAME, request.describe() + ": cannot write back"
          + " the new secret: writing the file" + linkNote(request, real) + " failed (" + FileState.reason(e)
          + "); the file was left unchanged", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // best effort: a stray 0600 temporary file is harmless and named after the file it belonged to
        }
      }
    }
  }

  /** Group first, then owner (after a chown only root may chgrp), then the mode (a chown may clear bits). */
  private static void keepOwnerAndMode(FileRequest request, Path tmp, FileLook expected) throws IOException {
    if (expected.permissions() == null) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    PosixFileAttributes now = view.readAttributes();
    if (expected.group() != null && !expected.group().equals(now.group())) {
      try {
        view.setGroup(expected.group());
      } catch (IOException e) {
        if (PermissionCheck.sharedWithGroup(expected.permissions())) {
          throw refused(request, "the file belongs to group '" + expected.group().getName() + "', which the user"
              + " running this process cannot give a new file; run the write-back as its owner or as root");
        }
      }
    }
    if (expected.owner() != null && !expected.owner().equals(now.owner())) {
      try {
        view.setOwner(expected.owner());
      } catch (IOException e) {
        throw refused(request, "the file is owned by '" + expected.owner().getName() + "' and a rewritten file"
            + " would belong to '" + now.owner().getName() + "', who may not be the one reading it; run the"
            + " write-back as '" + expected.owner().getName() + "' or as root");
      }
    }
    view.setPermissions(expected.permissions());
  }

  /** Makes the rename durable; best effort (not every platform can open a directory). */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | RuntimeException e) {
      // the rename is done; only its durability across a power cut is left to the file system
    }
  }

  private static CredentialSourceException refused(FileRequest request, String why) {
    return request.broken("cannot write back the new secret: " + why + "; the file was left unchanged");
  }

  private static String linkNote(FileRequest request, Path real) {
    return real.equals(request.path()) ? "" : " " + real + " (the link's target)";
  }
}

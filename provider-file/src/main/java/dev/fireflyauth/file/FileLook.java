package dev.fireflyauth.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Set;

/**
 * What one stat of a file shows that matters here: which file it is (its key, the inode on POSIX), whether it
 * changed (size, modification time), and on POSIX whether it may be trusted (permission bits, owner, group).
 *
 * <p>Why it exists: the cache fingerprint, the permission check and the "is this still the file that was
 * checked" test around a read must all look at the same attributes, so "the same look" is one {@code equals}.
 * Immutable; {@code fileKey}, {@code permissions}, {@code owner} and {@code group} are null where the file
 * system has no such thing.
 *
 * <p>{@code equals} and {@code hashCode} are written out on purpose: a record's generated {@code equals} is
 * bound through a JDK-wide method-handle cache that keeps the record's class, and so the class loader of a web
 * app that used it, reachable after undeploy (seen on JDK 17 and 25; {@code UndeployIT} guards it).
 */
record FileLook(
    Object fileKey,
    long size,
    FileTime modified,
    boolean regularFile,
    boolean directory,
    Set<PosixFilePermission> permissions,
    UserPrincipal owner,
    GroupPrincipal group) {

  /** Looks at {@code path}; with {@link LinkOption#NOFOLLOW_LINKS} at a link itself rather than its target. */
  static FileLook of(Path path, LinkOption... options) throws IOException {
    if (posix(path)) {
      PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, options);
      return new FileLook(a.fileKey(), a.size(), a.lastModifiedTime(), a.isRegularFile(), a.isDirectory(),
          Set.copyOf(a.permissions()), a.owner(), a.group());
    }
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, options);
    return new FileLook(a.fileKey(), a.size(), a.lastModifiedTime(), a.isRegularFile(), a.isDirectory(),
        null, null, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileLook l
        && Objects.equals(fileKey, l.fileKey) && size == l.size && Objects.equals(modified, l.modified)
        && regularFile == l.regularFile && directory == l.directory && Objects.equals(permissions, l.permissions)
        && Objects.equals(owner, l.owner) && Objects.equals(group, l.group);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileKey, size, modified, regularFile, directory, permissions, owner, group);
  }

  static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}

package dev.fireflyauth.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What is at a credentials path right now: a regular file or a directory, plus a fingerprint that changes
 * whenever the content may have changed.
 *
 * <p>Why it exists: re-reading on every {@code load} would re-parse an unchanged file on each token refresh,
 * while caching forever would miss secret rotation. The fingerprint of a file is its identity (inode), size
 * and modification time, so both an in-place edit and an atomic rename are seen. For a directory it is the
 * target of Kubernetes' {@code ..data} link plus the fingerprint of every key file (followed through its
 * link), so the atomic {@code ..data} swap Kubernetes performs is seen too. Immutable.
 */
final class FileState {
  /** The Kubernetes link that is swapped atomically when a mounted secret changes. */
  static final String K8S_DATA_LINK = "..data";

  private final boolean directory;
  private final List<Path> files;
  private final List<Object> fingerprint;

  private FileState(boolean directory, List<Path> files, List<Object> fingerprint) {
    this.directory = directory;
    this.files = List.copyOf(files);
    this.fingerprint = fingerprint; // may hold nulls (no inode, no ..data link), so not List.copyOf
  }

  /**
   * Looks at the request's path.
   *
   * @throws dev.fireflyauth.CredentialSourceException when nothing usable is there: missing, a dangling link,
   *     permission denied, or something that is neither a regular file nor a directory (a FIFO would block)
   */
  static FileState of(FileRequest request) {
    Path path = request.path();
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (attrs.isDirectory()) {
        List<Path> files = new ArrayList<>();
        List<Object> fingerprint = directoryFingerprint(path, files);
        return new FileState(true, files, fingerprint);
      }
      if (!attrs.isRegularFile()) {
        throw request.broken(
            "is neither a regular file nor a directory (a FIFO, socket or device cannot hold credentials)");
      }
      return new FileState(false, List.of(path), fileFingerprint(attrs));
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(path)) {
        throw request.broken("is a symbolic link whose target does not exist");
      }
      throw request.broken("does not exist (the path was read from " + request.pathFrom() + ")");
    } catch (IOException e) {
      throw unreadable(request, e);
    }
  }

  /** The error for a file that exists but cannot be read; says why without quoting any content. */
  static RuntimeException unreadable(FileRequest request, IOException e) {
    if (e instanceof AccessDeniedException) {
      return request.broken("cannot be read: permission denied for the user running this process");
    }
    String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : null;
    return request.broken("cannot be read (" + e.getClass().getSimpleName()
        + (reason == null ? "" : ": " + reason) + ")");
  }

  boolean isDirectory() {
    return directory;
  }

  /** The regular files that hold the credentials: the file itself, or the key files of a directory. */
  List<Path> files() {
    return files;
  }

  /** True when nothing indicates a change since {@code earlier} was taken. */
  boolean sameAs(FileState earlier) {
    return earlier != null && directory == earlier.directory && fingerprint.equals(earlier.fingerprint);
  }

  private static List<Object> fileFingerprint(BasicFileAttributes attrs) {
    List<Object> f = new ArrayList<>();
    f.add(attrs.fileKey()); // null where the file system has no inodes; size and time still count
    f.add(attrs.size());
    f.add(attrs.lastModifiedTime());
    return f;
  }

  private static List<Object> directoryFingerprint(Path dir, List<Path> files) throws IOException {
    List<Object> f = new ArrayList<>();
    Path data = dir.resolve(K8S_DATA_LINK);
    f.add(Files.isSymbolicLink(data) ? Files.readSymbolicLink(data) : null);
    for (String name : SecretVolume.FILE_NAMES) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        files.add(file);
        f.add(name);
        f.addAll(fileFingerprint(Files.readAttributes(file, BasicFileAttributes.class)));
      } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        f.add(name + " (dangling)");
      }
    }
    return f;
  }

  @Override
  public String toString() {
    return "FileState{" + (directory ? "directory" : "file") + ", " + fingerprint + '}';
  }
}

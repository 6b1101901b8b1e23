package dev.fireflyauth.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What is at a credentials path right now: a regular file or a directory, the {@link FileLook} of each file
 * that holds credentials, and a fingerprint that changes whenever the content may have changed.
 *
 * <p>Why it exists: re-reading on every {@code load} would re-parse an unchanged file on each token refresh,
 * while caching forever would miss secret rotation. The fingerprint of a file is its look (identity, size,
 * modification time, mode, owner), so an in-place edit, an atomic rename and a {@code chmod} are all seen. For
 * a directory it is the target of Kubernetes' {@code ..data} link plus the look of every key file (followed
 * through its link), so the atomic {@code ..data} swap Kubernetes performs is seen too. Immutable.
 *
 * <p>This is a look <em>before</em> reading, through links; what is actually read is checked again by
 * {@link TextFile}, and a cache entry is only kept when both looks agree.
 */
final class FileState {
  /** The Kubernetes link that is swapped atomically when a mounted secret changes. */
  static final String K8S_DATA_LINK = "..data";

  private final boolean directory;
  private final List<Path> files;
  private final List<FileLook> looks;
  private final List<Object> fingerprint;

  private FileState(boolean directory, List<Path> files, List<FileLook> looks, List<Object> fingerprint) {
    this.directory = directory;
    this.files = List.copyOf(files);
    this.looks = List.copyOf(looks);
    this.fingerprint = fingerprint; // may hold nulls (no ..data link), so not List.copyOf
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
      FileLook look = FileLook.of(path);
      if (look.directory()) {
        return ofDirectory(path);
      }
      if (!look.regularFile()) {
        throw request.broken(
            "is neither a regular file nor a directory (a FIFO, socket or device cannot hold credentials)");
      }
      List<Object> fingerprint = new ArrayList<>();
      fingerprint.add(look);
      return new FileState(false, List.of(path), List.of(look), fingerprint);
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(path)) {
        throw request.broken("is a symbolic link whose target does not exist");
      }
      throw request.broken("does not exist (the path was read from " + request.pathFrom() + ")");
    } catch (IOException e) {
      throw unreadable(request, e);
    }
  }

  private static FileState ofDirectory(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    List<FileLook> looks = new ArrayList<>();
    List<Object> fingerprint = new ArrayList<>();
    Path data = dir.resolve(K8S_DATA_LINK);
    fingerprint.add(Files.isSymbolicLink(data) ? Files.readSymbolicLink(data) : null);
    for (String name : SecretVolume.FILE_NAMES) {
      Path file = dir.resolve(name);
      FileLook look = lookOrNull(file);
      if (look != null && look.regularFile()) {
        files.add(file);
        looks.add(look);
        fingerprint.add(name);
        fingerprint.add(look);
      } else if (look != null || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        fingerprint.add(name + " (not a readable file)");
      }
    }
    return new FileState(true, files, looks, fingerprint);
  }

  private static FileLook lookOrNull(Path file) throws IOException {
    try {
      return FileLook.of(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The error for a file that exists but cannot be read; says why without quoting any content. */
  static RuntimeException unreadable(FileRequest request, IOException e) {
    if (e instanceof AccessDeniedException) {
      return request.broken("cannot be read: permission denied for the user running this process");
    }
    return request.broken("cannot be read (" + reason(e) + ")");
  }

  /** Why an I/O operation on a credentials file failed, for a message: never a path's content. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String reason = e instanceof FileSystemException fse ? fse.getReason() : null;
    return e.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
  }

  boolean isDirectory() {
    return directory;
  }

  /** The regular files that hold the credentials: the file itself, or the key files of a directory. */
  List<Path> files() {
    return files;
  }

  /** The look of each of {@link #files()}, in the same order. */
  List<FileLook> looks() {
    return looks;
  }

  /** True when nothing indicates a change since {@code earlier} was taken. */
  boolean sameAs(FileState earlier) {
    return earlier != null && directory == earlier.directory && fingerprint.equals(earlier.fingerprint);
  }

  @Override
  public String toString() {
    return "FileState{" + (directory ? "directory" : "file") + ", " + files + '}';
  }
}

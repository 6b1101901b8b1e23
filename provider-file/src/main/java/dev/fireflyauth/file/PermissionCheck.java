package dev.fireflyauth.file;

import dev.fireflyauth.Setting;
import dev.fireflyauth.spi.SourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Warns about (or, in strict mode, refuses) a credentials file that users other than its owner can read, the
 * way {@code ssh} treats private keys.
 *
 * <p>Why it exists: a client secret in a world-readable file is a leak waiting to happen, and the fix is one
 * command, so the warning names it. Files inside a Kubernetes secret volume are exempt: Kubernetes sets their
 * mode itself (0644 by default) and the pod is the boundary there. In a plain directory of key files each file is checked. Only POSIX file
 * systems are checked.
 */
final class PermissionCheck {
  private PermissionCheck() {}

  /**
   * Checks {@code path}: the file of {@code request}, or one key file of its directory.
   *
   * @param strict true to refuse instead of warning
   * @throws dev.fireflyauth.CredentialSourceException when strict and the file is readable by group or others
   */
  static void check(FileRequest request, Path path, boolean strict, SourceContext context) {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("posix") || inSecretVolume(path)) {
      return;
    }
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(path);
    } catch (IOException e) {
      throw FileState.unreadable(request, e);
    }
    boolean group = perms.contains(PosixFilePermission.GROUP_READ);
    boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
    if (!group && !others) {
      return;
    }
    String who = "readable by " + (group && others ? "group and others" : group ? "its group" : "others")
        + " (" + PosixFilePermissions.toString(perms) + ")";
    String fix = "run: chmod 600 " + path;
    if (strict) {
      String subject = path.equals(request.path()) ? "" : "entry '" + path.getFileName() + "' ";
      throw request.broken(
          subject + "is " + who + " and is refused because " + Setting.FILE_STRICT + " is true; " + fix);
    }
    context.warn(FileCredentialSource.NAME + " " + path + " is " + who + "; " + fix
        + " (set " + Setting.FILE_STRICT.env() + "=true to refuse such files)");
  }

  /** A file mounted from a Kubernetes secret: its directory carries the {@code ..data} link. */
  private static boolean inSecretVolume(Path path) {
    Path parent = path.getParent();
    return parent != null && Files.isSymbolicLink(parent.resolve(FileState.K8S_DATA_LINK));
  }
}

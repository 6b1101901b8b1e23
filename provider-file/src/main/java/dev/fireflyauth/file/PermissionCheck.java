package dev.fireflyauth.file;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what is wrong with a credentials file's ownership and mode, the way {@code ssh} treats private keys:
 * a file that its group or others may read <em>or write</em>, or that another user owns. A load warns about
 * it, or refuses it when {@code FIREFLY_FILE_STRICT=true} (see {@link FileReading}).
 *
 * <p>Why it exists: a client secret in a world-readable file is a leak waiting to happen; one that others may
 * write, or that another user owns, can be swapped for credentials of their choosing. The fix is one command,
 * so the message names it. The check is made on the {@link FileLook} of the very file that is read (see
 * {@link TextFile}), never on a path that might point elsewhere a moment later. Files of a genuine Kubernetes
 * secret volume are exempt ({@link KubernetesLayout}): kubelet sets their mode itself and the pod is the
 * boundary there. Only POSIX file systems are checked.
 */
final class PermissionCheck {
  private static final Set<PosixFilePermission> GROUP =
      Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);

  private PermissionCheck() {}

  /**
   * One finding about one file.
   *
   * @param file the file as the user named it (the request's path, or a key file of its directory)
   * @param what what is wrong, e.g. {@code readable by group and others (rw-r--r--)}
   * @param fix the command that fixes it
   */
  record Problem(Path file, String what, String fix) {
    /** The warning a non-strict load gives. */
    String warning() {
      return FileCredentialSource.NAME + " " + file + " is " + what + "; " + fix
          + " (set " + Setting.FILE_STRICT.env() + "=true to refuse such files)";
    }

    /** The error a strict load gives. */
    CredentialSourceException refusal(FileRequest request) {
      String subject = file.equals(request.path()) ? "" : "entry '" + file.getFileName() + "' ";
      return request.broken(
          subject + "is " + what + " and is refused because " + Setting.FILE_STRICT + " is true; " + fix);
    }
  }

  /**
   * What is wrong with the file {@code file} resolves to.
   *
   * @param real the real path of {@code file}, as it is read
   * @param look the look of {@code real} (not following links) that the read is verified against
   */
  static Optional<Problem> inspect(Path file, Path real, FileLook look) {
    if (look.permissions() == null || KubernetesLayout.mounted(file, real)) {
      return Optional.empty();
    }
    List<String> what = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    Optional<UserPrincipal> me = ProcessUser.principal();
    if (me.isPresent() && look.owner() != null && !me.get().equals(look.owner())) {
      what.add("owned by user '" + look.owner().getName() + "', not by '" + me.get().getName()
          + "' who runs this process");
      fixes.add("chown " + me.get().getName() + " " + file);
    }
    String access = access(look.permissions());
    if (!access.isEmpty()) {
      what.add(0, access);
      fixes.add("chmod 600 " + file);
    }
    if (what.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Problem(file,
        String.join(" and ", what) + " (" + PosixFilePermissions.toString(look.permissions()) + ")",
        "run: " + String.join(" && ", fixes)));
  }

  /** {@code readable by group and others}, {@code writable by others}, …; empty when neither may touch it. */
  private static String access(Set<PosixFilePermission> perms) {
    String group = verbs(perms, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
    String others = verbs(perms, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    if (!group.isEmpty() && group.equals(others)) {
      return group + " by group and others";
    }
    List<String> parts = new ArrayList<>();
    if (!group.isEmpty()) {
      parts.add(group + " by its group");
    }
    if (!others.isEmpty()) {
      parts.add(others + " by others");
    }
    return String.join(" and ", parts);
  }

  private static String verbs(Set<PosixFilePermission> perms, PosixFilePermission read, PosixFilePermission write) {
    boolean r = perms.contains(read);
    boolean w = perms.contains(write);
    return r && w ? "readable and writable" : r ? "readable" : w ? "writable" : "";
  }

  /** Whether {@code perms} let the file's group read or write it (a write-back must then keep the group). */
  static boolean sharedWithGroup(Set<PosixFilePermission> perms) {
    return perms.stream().anyMatch(GROUP::contains);
  }

  /**
   * The user this process runs as, found once: by {@code user.name}, else as the owner of a file it creates
   * (a container user without a passwd entry has no name); empty when neither works, and the owner check is
   * then skipped.
   */
  static final class ProcessUser {
    private static final Optional<UserPrincipal> PRINCIPAL = find();

    private ProcessUser() {}

    static Optional<UserPrincipal> principal() {
      return PRINCIPAL;
    }

    private static Optional<UserPrincipal> find() {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
      if (!FileLook.posix(tmp)) {
        return Optional.empty();
      }
      try {
        String name = System.getProperty("user.name");
        if (name != null && !name.isBlank() && !name.equals("?")) {
          return Optional.of(tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name));
        }
      } catch (IOException | RuntimeException e) {
        // no passwd entry for this name: fall back to the owner of a fresh file
      }
      try {
        Path probe = Files.createTempFile(tmp, "firefly-auth-owner", ".probe");
        try {
          return Optional.of(Files.getOwner(probe));
        } finally {
          Files.deleteIfExists(probe);
        }
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }
}

package dev.fireflyauth.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Recognises a file mounted from a Kubernetes secret (or config map) volume, the layout kubelet's atomic
 * writer creates and nothing else:
 * <pre>
 * dir/..2026_11_30_10_00_00.123456789/client_secret   a regular file (the data)
 * dir/..data -&gt; ..2026_11_30_10_00_00.123456789     a link to that directory, in the same directory
 * dir/client_secret -&gt; ..data/client_secret          what applications open
 * </pre>
 *
 * <p>Why it exists: kubelet sets such files' mode itself (0644 by default) and the pod is the boundary there,
 * so the permission check exempts them, and a write-back refuses them (Kubernetes owns the files). The
 * exemption must not be something any directory can claim: a {@code ..data} entry that is dangling, points
 * elsewhere, or sits next to a file that is not a link into it exempts nothing, and the file actually read
 * must be the one inside the timestamped directory.
 */
final class KubernetesLayout {
  /** kubelet names each version {@code ..} + a {@code 2006_01_02_15_04_05.} timestamp + random digits. */
  private static final Pattern VERSION = Pattern.compile("\\.\\.\\d{4}(_\\d{2}){5}\\.\\d+");

  private KubernetesLayout() {}

  /**
   * Whether {@code file} (as the user named it) is a file of a Kubernetes volume and {@code real} (what
   * {@code file} resolves to, and what is read) is its data file inside the current version directory.
   */
  static boolean mounted(Path file, Path real) {
    try {
      Path dir = file.getParent();
      if (dir == null || !Files.isSymbolicLink(file)) {
        return false;
      }
      Path target = Files.readSymbolicLink(file);
      if (target.isAbsolute() || target.getNameCount() < 2
          || !target.getName(0).toString().equals(FileState.K8S_DATA_LINK)) {
        return false;
      }
      Path version = currentVersion(dir);
      return version != null
          && real.equals(dir.toRealPath().resolve(version).resolve(target.subpath(1, target.getNameCount())));
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Whether {@code dir} itself is a Kubernetes volume: its {@code ..data} link names a version directory. */
  static boolean isVolume(Path dir) {
    try {
      return currentVersion(dir) != null;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** The version directory {@code ..data} points to, when that is a real directory next to it; else null. */
  private static Path currentVersion(Path dir) throws IOException {
    Path data = dir.resolve(FileState.K8S_DATA_LINK);
    if (!Files.isSymbolicLink(data)) {
      return null;
    }
    Path version = Files.readSymbolicLink(data);
    if (version.isAbsolute() || version.getNameCount() != 1 || !VERSION.matcher(version.toString()).matches()) {
      return null;
    }
    return Files.isDirectory(dir.resolve(version), LinkOption.NOFOLLOW_LINKS) ? version : null;
  }
}

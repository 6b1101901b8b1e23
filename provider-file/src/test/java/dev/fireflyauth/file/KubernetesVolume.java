package dev.fireflyauth.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Builds the layout kubelet gives a mounted secret, with real symbolic links:
 * <pre>
 * volume/..2026_11_30_10_00_00.000000001/client_id      (the data)
 * volume/..data -&gt; ..2026_11_30_10_00_00.000000001      (swapped atomically on update)
 * volume/client_id -&gt; ..data/client_id                   (what applications open)
 * </pre>
 * Files are 0644, as kubelet's default mode makes them.
 */
final class KubernetesVolume {
  private static final List<String> KEYS = List.of("client_id", "client_secret");

  private KubernetesVolume() {}

  static Path create(Path volume, String version, String clientId, String secret) throws IOException {
    Files.createDirectories(volume);
    writeVersion(volume, version, clientId, secret);
    Files.createSymbolicLink(volume.resolve(FileState.K8S_DATA_LINK), Paths.get(version));
    for (String key : KEYS) {
      Files.createSymbolicLink(volume.resolve(key), Paths.get(FileState.K8S_DATA_LINK, key));
    }
    return volume;
  }

  /** Writes a new version and swaps {@code ..data} to it with an atomic rename, as kubelet does. */
  static void update(Path volume, String version, String clientId, String secret) throws IOException {
    writeVersion(volume, version, clientId, secret);
    Path tmp = volume.resolve("..data_tmp");
    Files.createSymbolicLink(tmp, Paths.get(version));
    Files.move(tmp, volume.resolve(FileState.K8S_DATA_LINK), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeVersion(Path volume, String version, String clientId, String secret)
      throws IOException {
    Path data = Files.createDirectory(volume.resolve(version));
    Files.writeString(data.resolve("client_id"), clientId + "\n");
    Files.writeString(data.resolve("client_secret"), secret + "\n");
    if (Fixtures.posix()) {
      for (String key : KEYS) {
        Files.setPosixFilePermissions(
            data.resolve(key), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
  }
}

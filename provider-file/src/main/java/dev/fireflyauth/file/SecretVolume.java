package dev.fireflyauth.file;

import dev.fireflyauth.spi.CredentialFields;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a directory holding one file per key, the way a Kubernetes secret volume (or Docker/Compose secrets)
 * presents a secret: {@code client_id}, {@code client_secret}, optional {@code scopes} and {@code org_id},
 * or the same keys spelled {@code FIREFLY_SERVICES_*} (a secret created with
 * {@code kubectl create secret generic --from-env-file}), {@code FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS}
 * included as the second live secret during a rotation. Surrounding whitespace and trailing newlines are
 * trimmed.
 *
 * <p>Why it exists: Kubernetes mounts each key as {@code name -> ..data/name}, where {@code ..data} is a link
 * to a timestamped directory that is replaced atomically on update; reading through the links and
 * fingerprinting {@code ..data} (see {@link FileState}) is what makes rotation work there.
 */
final class SecretVolume {
  /** Every file name read, in look-up order; the first spelling found for a key wins. */
  static final List<String> FILE_NAMES =
      List.of(
          CredentialFields.CLIENT_ID, "FIREFLY_SERVICES_CLIENT_ID",
          CredentialFields.CLIENT_SECRET, "FIREFLY_SERVICES_CLIENT_SECRET", CredentialFields.CLIENT_SECRET_PREVIOUS,
          CredentialFields.SCOPES, "FIREFLY_SERVICES_SCOPES",
          CredentialFields.ORG_ID, "FIREFLY_SERVICES_ORG_ID");

  private SecretVolume() {}

  /** Reads the key files {@code state} found, each checked and verified by {@link TextFile}. */
  static Formats.Loaded read(FileState state, FileReading reading) {
    FileRequest request = reading.request();
    request.requireDefaultProfile("a directory of one file per key");
    Map<String, String> fields = new LinkedHashMap<>();
    List<FileLook> looks = new ArrayList<>();
    for (Path file : state.files()) {
      String name = file.getFileName().toString();
      TextFile.Content content = TextFile.read(file, "entry '" + name + "' ", reading);
      fields.put(name, content.text().strip());
      looks.add(content.look());
    }
    if (!fields.containsKey(FILE_NAMES.get(0)) && !fields.containsKey(FILE_NAMES.get(1))) {
      throw request.broken("is a directory without a '" + FILE_NAMES.get(0) + "' file (it holds: "
          + listing(request) + "); a credentials directory has one file per key: client_id, client_secret, "
          + "and optionally scopes and org_id");
    }
    return new Formats.Loaded(request.credentials(fields, false), looks, reading.problems());
  }

  /** The visible entry names, for the error message (names only: never content). */
  private static String listing(FileRequest request) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(request.path())) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".")) {
          names.add(n);
        }
      }
    } catch (IOException e) {
      throw FileState.unreadable(request, e);
    }
    return names.isEmpty() ? "nothing" : String.join(", ", new TreeSet<>(names));
  }
}

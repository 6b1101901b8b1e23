package dev.fireflyauth.admin;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.spi.support.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the two IDs the I/O Management API needs from the project JSON that Adobe Developer Console downloads:
 * {@code project.org.id} and the {@code id} of the entry in {@code project.workspace.details.credentials} whose
 * {@code oauth_server_to_server.client_id} is the client ID in use.
 *
 * <p>Why it exists: users already have that file, often as their credentials file; matching the credential by
 * client ID (not by position or name) means the IDs found always belong to the credential whose secrets are
 * managed. A file the user named must hold them; a file looked at only because it might be such a project file
 * (the credentials file) is skipped quietly when it is not. Messages name the file and never quote its
 * content, which holds secrets.
 */
final class ConsoleProjectFile {
  private static final int MAX_BYTES = 1024 * 1024;

  /** What the file says; either ID may be missing. */
  record Ids(String orgId, String credentialId, String from) {}

  private ConsoleProjectFile() {}

  /**
   * The IDs for {@code credentials} in {@code path}.
   *
   * @param named true when the user pointed at this file as a project file: then it must hold the IDs
   * @param pathFrom where the path was read, for messages
   * @return empty when not {@code named} and the file is absent, unreadable or not a project file for this client
   * @throws ConfigurationException when {@code named} and the file does not deliver
   */
  static Optional<Ids> read(Path path, String pathFrom, ClientCredentials credentials, boolean named) {
    String subject = "Developer Console project file " + path + " (" + pathFrom + ")";
    Map<?, ?> project;
    try {
      project = project(path, subject);
    } catch (ConfigurationException e) {
      if (named) {
        throw e;
      }
      return Optional.empty();
    }
    Object org = project.get("org") instanceof Map<?, ?> o ? o.get("id") : null;
    String credentialId = null;
    for (Object c : credentials(project)) {
      if (c instanceof Map<?, ?> m && m.get("oauth_server_to_server") instanceof Map<?, ?> s2s
          && credentials.clientId().equals(s2s.get("client_id"))) {
        credentialId = id(m.get("id"));
        break;
      }
    }
    if (credentialId == null && named) {
      throw new ConfigurationException(subject + " has no OAuth Server-to-Server credential with client ID "
          + credentials.maskedClientId() + " (from " + credentials.origin() + ") in project.workspace.details"
          + ".credentials; download the project of this credential from Developer Console");
    }
    if (credentialId == null) {
      return Optional.empty();
    }
    return Optional.of(new Ids(id(org), credentialId, path.toString()));
  }

  private static Map<?, ?> project(Path path, String subject) {
    byte[] bytes;
    try {
      // A FIFO or device would block or never end: only a regular file is read, and never more than the cap.
      if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
        throw new ConfigurationException(subject + " is not a regular file");
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (IOException e) {
      throw new ConfigurationException(subject + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > MAX_BYTES) {
      throw new ConfigurationException(subject + " is larger than 1 MiB");
    }
    String text = Utf8.decode(bytes).orElseThrow(() -> new ConfigurationException(subject + " is not UTF-8 text"));
    Object root;
    try {
      root = StrictJson.parse(text); // Utf8.decode dropped a byte-order mark
    } catch (JsonProblem e) {
      throw new ConfigurationException(e.describe(subject));
    }
    if (!(root instanceof Map<?, ?> m) || !(m.get("project") instanceof Map<?, ?> project)) {
      throw new ConfigurationException(subject + " is not a Developer Console project file (no \"project\" object)");
    }
    return project;
  }

  private static List<?> credentials(Map<?, ?> project) {
    Object node = project.get("workspace");
    node = node instanceof Map<?, ?> w ? w.get("details") : null;
    node = node instanceof Map<?, ?> d ? d.get("credentials") : null;
    return node instanceof List<?> l ? l : List.of();
  }

  /** An ID written as a string or a number; null otherwise. */
  private static String id(Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s.strip();
    }
    return v instanceof BigInteger i ? i.toString() : null;
  }
}

package dev.fireflyauth.cli.serve;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.agent.AgentTokenFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The agent's side of the agent token: creates the file when it is missing, refuses a file others can read, and
 * decides whether a request's {@code Authorization} header carries the token, in constant time.
 *
 * <p>Why it exists: the agent token is what stands between any local process and the tokens the agent hands
 * out, so it must be unguessable (32 random bytes), readable only by its owner (file 0600, a directory we create
 * 0700), and compared without a timing leak: both sides are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so neither the content nor the length of the token shows in the time taken.
 * The file is checked again (one {@code stat}) on every request and re-read when it changed, so rotating it (an
 * atomic replace, a Kubernetes secret update) needs no restart; a replacement that is unusable is ignored with
 * a warning and the token read before stays in force. Thread-safe.
 */
final class AgentTokenGuard {
  private static final System.Logger LOG = System.getLogger(AgentTokenGuard.class.getName());
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  private static final int RANDOM_BYTES = 32;

  /** The token in force and the file state it was read from. */
  private record Snapshot(byte[] digest, Object fileKey, long modified, long size) {}

  private final AgentTokenFile file;
  private final boolean created;
  private volatile Snapshot current;
  private volatile Snapshot ignored; // a state of the file already warned about

  private AgentTokenGuard(AgentTokenFile file, boolean created, Snapshot current) {
    this.file = file;
    this.created = created;
    this.current = current;
  }

  /**
   * Reads the agent token file, creating it first when it does not exist.
   *
   * @throws ConfigurationException when it cannot be created or read, or its group or others may read or change it
   */
  static AgentTokenGuard open(AgentTokenFile file, SecureRandom random) {
    boolean created = false;
    if (!Files.exists(file.path())) {
      created = create(file, random);
    }
    return new AgentTokenGuard(file, created, load(file));
  }

  /** The file this guard reads. */
  AgentTokenFile file() {
    return file;
  }

  /** Whether {@link #open} created the file. */
  boolean created() {
    return created;
  }

  /**
   * Whether {@code authorization} (all values of the header a request sent) is exactly one value holding the
   * agent token, bare or as {@code Bearer <token>}.
   */
  boolean accepts(List<String> authorization) {
    if (authorization == null || authorization.size() != 1) {
      return false;
    }
    String v = authorization.get(0).strip();
    if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      v = v.substring(7).strip();
    }
    return MessageDigest.isEqual(sha256(v), current().digest());
  }

  /** The snapshot in force, re-read first when the file changed since. */
  private Snapshot current() {
    Snapshot s = current;
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file.path(), BasicFileAttributes.class);
    } catch (IOException e) {
      warnOnce(new Snapshot(new byte[0], null, -1, -1), "agent token file " + file + " cannot be read ("
          + e.getClass().getSimpleName() + "); the agent keeps accepting the token it read before");
      return s;
    }
    if (sameState(s, a)) {
      return s;
    }
    Snapshot seen = ignored;
    if (seen != null && sameState(seen, a)) {
      return s;
    }
    try {
      Snapshot fresh = load(file);
      current = fresh;
      LOG.log(Level.INFO, "agent token file {0} changed; the new agent token is in force", file.path());
      return fresh;
    } catch (ConfigurationException e) {
      warnOnce(new Snapshot(new byte[0], a.fileKey(), a.lastModifiedTime().toMillis(), a.size()),
          e.getMessage() + "; the agent keeps accepting the token it read before");
      return s;
    }
  }

  private void warnOnce(Snapshot state, String message) {
    Snapshot seen = ignored;
    if (seen == null || !Objects.equals(seen.fileKey(), state.fileKey()) || seen.modified() != state.modified()
        || seen.size() != state.size()) {
      ignored = state;
      LOG.log(Level.WARNING, message);
    }
  }

  private static boolean sameState(Snapshot s, BasicFileAttributes a) {
    return Objects.equals(s.fileKey(), a.fileKey()) && s.modified() == a.lastModifiedTime().toMillis()
        && s.size() == a.size();
  }

  private static Snapshot load(AgentTokenFile file) {
    BasicFileAttributes before;
    try {
      before = Files.readAttributes(file.path(), BasicFileAttributes.class);
    } catch (IOException e) {
      before = null; // read() says what is wrong, in the one wording clients see too
    }
    checkMode(file);
    Secret token = file.read();
    return before == null
        ? new Snapshot(sha256(token.reveal()), null, -1, -1)
        : new Snapshot(sha256(token.reveal()), before.fileKey(), before.lastModifiedTime().toMillis(), before.size());
  }

  /** Refuses a file its group or others may read or change: they could take tokens from the agent. */
  private static void checkMode(AgentTokenFile file) {
    Path p = file.path();
    if (!p.getFileSystem().supportedFileAttributeViews().contains("posix") || !Files.exists(p)) {
      return;
    }
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(p);
    } catch (IOException e) {
      return; // read() reports the file as unreadable
    }
    for (PosixFilePermission loose : List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE)) {
      if (perms.contains(loose)) {
        throw new ConfigurationException("agent token file " + file + " has mode "
            + PosixFilePermissions.toString(perms) + ": its group or others could read or replace it and take tokens"
            + " from the agent, so it is refused; run: chmod 600 " + p);
      }
    }
  }

  /** Writes 32 random bytes (URL-safe base64) to a 0600 temporary file and moves it into place. */
  private static boolean create(AgentTokenFile file, SecureRandom random) {
    Path target = file.path().toAbsolutePath();
    Path dir = target.getParent();
    boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
    byte[] raw = new byte[RANDOM_BYTES];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Path tmp = null;
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, posix ? attrs(DIR_MODE) : new FileAttribute<?>[0]);
      }
      tmp = Files.createTempFile(dir, ".agent-token-", ".tmp", posix ? attrs(FILE_MODE) : new FileAttribute<?>[0]);
      Files.write(tmp, (token + "\n").getBytes(StandardCharsets.US_ASCII));
      try {
        Files.move(tmp, target); // never replaces: an agent starting at the same moment may have won
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      return true;
    } catch (IOException e) {
      throw new ConfigurationException("agent token file " + file + " does not exist and cannot be created ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // a stray temporary file holds a token nobody uses
        }
      }
    }
  }

  private static FileAttribute<?>[] attrs(Set<PosixFilePermission> mode) {
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AgentTokenGuard{" + file + '}';
  }
}

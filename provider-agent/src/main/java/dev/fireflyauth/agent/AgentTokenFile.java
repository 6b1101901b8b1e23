package dev.fireflyauth.agent;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.support.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.Optional;

/**
 * The file that holds the agent token: where it is, and how it is read and checked.
 *
 * <p>Why it exists: the agent ({@code firefly-auth serve}) and its clients must agree on one location and one
 * format, and both must refuse a damaged file with the same clear message. The token is one line of visible
 * ASCII (it travels in an HTTP header), at least {@value #MIN_LENGTH} characters; surrounding white space
 * (a trailing newline) is ignored. The file is re-read by clients on every request so the token can rotate.
 *
 * <p>Location: {@code FIREFLY_AGENT_TOKEN_FILE} / {@code firefly.agent.token.file}; when that is not set,
 * {@code $XDG_RUNTIME_DIR/firefly-auth/agent-token} (a per-user tmpfs, gone at log-out), else
 * {@code ~/.config/firefly-auth/agent-token}. Immutable; messages name the file and where its name came from,
 * never its content.
 */
public final class AgentTokenFile {
  /** Larger files are refused unread: a token is one short line. */
  public static final int MAX_BYTES = 4096;
  /** Shorter tokens are refused: they could be guessed. */
  public static final int MIN_LENGTH = 16;

  static final String DIR_NAME = "firefly-auth";
  static final String FILE_NAME = "agent-token";

  private final Path path;
  private final String where;

  private AgentTokenFile(Path path, String where) {
    this.path = Objects.requireNonNull(path, "path");
    this.where = Objects.requireNonNull(where, "where");
  }

  /**
   * The file at {@code path}.
   *
   * @param where how messages say where the name came from, e.g. {@code --auth-token-file}
   */
  public static AgentTokenFile of(Path path, String where) {
    return new AgentTokenFile(path, where);
  }

  /**
   * The file {@code FIREFLY_AGENT_TOKEN_FILE} names, else the default location.
   *
   * @throws ConfigurationException when the setting is not a valid path, or it is unset and neither
   *     {@code XDG_RUNTIME_DIR} nor a home directory is known
   */
  public static AgentTokenFile locate(Settings settings) {
    Optional<Settings.Value> v = settings.get(AgentTokenProviderFactory.TOKEN_FILE);
    if (v.isPresent()) {
      try {
        return new AgentTokenFile(Paths.get(v.get().value()), v.get().where());
      } catch (InvalidPathException e) {
        throw new ConfigurationException(v.get().where() + " (" + AgentTokenProviderFactory.TOKEN_FILE
            + ") is not a valid path: " + e.getReason());
      }
    }
    return defaultPath(settings)
        .map(p -> new AgentTokenFile(p,
            "the default location; " + AgentTokenProviderFactory.TOKEN_FILE + " is not set"))
        .orElseThrow(() -> new ConfigurationException(AgentTokenProviderFactory.TOKEN_FILE + " is not set and there is"
            + " no default location for the agent token file (neither XDG_RUNTIME_DIR nor a home directory is set)"));
  }

  /** {@code $XDG_RUNTIME_DIR/firefly-auth/agent-token}, else {@code ~/.config/firefly-auth/agent-token}. */
  public static Optional<Path> defaultPath(Settings settings) {
    Optional<Settings.Value> runtime = settings.env("XDG_RUNTIME_DIR");
    if (runtime.isPresent() && runtime.get().value().startsWith("/")) { // the XDG spec: a relative value is ignored
      return Optional.of(Paths.get(runtime.get().value(), DIR_NAME, FILE_NAME));
    }
    return settings.property("user.home").map(h -> Paths.get(h.value(), ".config", DIR_NAME, FILE_NAME));
  }

  public Path path() {
    return path;
  }

  /** Where the file's name came from: a setting, a command-line option or the default. */
  public String where() {
    return where;
  }

  /**
   * The agent token the file holds now.
   *
   * @throws ConfigurationException naming the file and what is wrong with it (never quoting it)
   */
  public Secret read() {
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        throw broken("is a directory, not a file");
      }
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        throw broken("is not a regular file");
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      throw broken("does not exist (`firefly-auth serve` creates it when it starts; clients must read the file"
          + " the agent uses)");
    } catch (AccessDeniedException e) {
      throw broken("cannot be read: permission denied");
    } catch (FileSystemException e) {
      throw broken("cannot be read (" + e.getClass().getSimpleName()
          + (e.getReason() == null ? "" : ": " + e.getReason()) + ")");
    } catch (IOException e) {
      throw broken("cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > MAX_BYTES) {
      throw broken("is larger than " + MAX_BYTES + " bytes; an agent token is one short line");
    }
    String text = Utf8.decode(bytes).orElseThrow(() -> broken("is not UTF-8 text")).strip();
    if (text.isEmpty()) {
      throw broken("is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw broken("holds a character an HTTP header cannot carry (a line break, a space or a non-ASCII"
            + " character); an agent token is one line of letters, digits and punctuation");
      }
    }
    if (text.length() < MIN_LENGTH) {
      throw broken("holds a token of " + text.length() + " characters; an agent token has at least " + MIN_LENGTH
          + " (`firefly-auth serve` creates one of 43)");
    }
    return Secret.of(text);
  }

  private ConfigurationException broken(String problem) {
    return new ConfigurationException("agent token file " + this + " " + problem);
  }

  /** The path and where its name came from; never the content. */
  @Override
  public String toString() {
    return path + " (" + where + ")";
  }
}

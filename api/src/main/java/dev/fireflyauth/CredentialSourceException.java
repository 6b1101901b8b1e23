package dev.fireflyauth;

import java.util.Objects;

/**
 * A credential source is configured here but cannot deliver: the file is malformed, the secret does not
 * exist, access is denied. It stops the chain: falling through to another source would silently switch
 * identity.
 */
public class CredentialSourceException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * @param source the source's {@code name()}, e.g. {@code file}
   * @param message what is wrong and where, never a secret value
   */
  public CredentialSourceException(String source, String message) {
    this(source, message, null);
  }

  public CredentialSourceException(String source, String message, Throwable cause) {
    super(message, cause);
    this.source = Objects.requireNonNull(source, "source");
  }

  /** The name of the source that failed. */
  public String source() {
    return source;
  }
}

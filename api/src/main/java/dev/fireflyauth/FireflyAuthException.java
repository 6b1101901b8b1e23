package dev.fireflyauth;

/**
 * The root of every error this library throws; unchecked, like {@link java.io.UncheckedIOException}.
 *
 * <p>Why it exists: callers need to tell four situations apart without parsing messages, because each calls
 * for a different reaction: fix the deployment ({@link Kind#NOT_FOUND}), fix the configuration
 * ({@link Kind#BROKEN}), fix or rotate the credential ({@link Kind#REJECTED}), or wait and retry
 * ({@link Kind#TRANSIENT}). {@link #kind()} says which; the subclasses carry the details.
 *
 * <p>Messages name the setting, file, source or endpoint involved and never contain a secret or token.
 */
public abstract class FireflyAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is, and so what the caller should do. */
  public enum Kind {
    /** No source had credentials; see {@link CredentialsNotFoundException#trace()}. */
    NOT_FOUND,
    /** Something is configured but broken: a malformed file, a bad locator, an unknown scope. */
    BROKEN,
    /** The identity provider refused the credentials. */
    REJECTED,
    /** A network fault or outage; retrying later may succeed. */
    TRANSIENT
  }

  protected FireflyAuthException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What kind of failure this is. */
  public abstract Kind kind();
}

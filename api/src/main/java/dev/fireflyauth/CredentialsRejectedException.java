package dev.fireflyauth;

/**
 * The identity provider refused the credentials (IMS {@code invalid_client}) after every live secret and one
 * re-load from the source were tried. Rotate or fix the client secret.
 */
public final class CredentialsRejectedException extends FireflyAuthException {
  private static final long serialVersionUID = 1L;

  public CredentialsRejectedException(String message) {
    super(message, null);
  }

  public CredentialsRejectedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.REJECTED;
  }
}

package dev.fireflyauth;

/**
 * Something is configured but broken: a malformed setting, locator or file, an unknown scope, an
 * {@code http:} token URL. Retrying will not help; the message names what to fix and where it was read.
 */
public class ConfigurationException extends FireflyAuthException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message, null);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.BROKEN;
  }
}

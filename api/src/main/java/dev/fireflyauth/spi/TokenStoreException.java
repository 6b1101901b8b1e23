package dev.fireflyauth.spi;

import dev.fireflyauth.TransientException;

/**
 * A token store cannot be used right now: unreachable, unwritable, full, refused. The library treats it as
 * "no store" for this call (a plain exchange and one warning); it never reaches an application.
 */
public class TokenStoreException extends TransientException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong and where (the store's {@code describe()}), never a password */
  public TokenStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

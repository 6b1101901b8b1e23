package dev.fireflyauth.okhttp;

import dev.fireflyauth.FireflyAuthException;
import java.io.IOException;

/**
 * A call failed because no Firefly access token could be had for it (credentials missing, broken or rejected, IMS
 * unreachable) or because it would have sent the token in clear text.
 *
 * <p>Why it exists: OkHttp reports failures of a call as {@link IOException}s (to {@code execute()} and to
 * {@code Callback.onFailure}); an unchecked exception thrown inside an interceptor would instead escape on OkHttp's
 * dispatcher thread for an asynchronous call. The typed cause survives: {@link #kind()} says what to do.
 *
 * <p>The message is the cause's, which never holds a secret or token.
 */
public final class FireflyAuthIOException extends IOException {
  private static final long serialVersionUID = 1L;

  private final FireflyAuthException cause;

  FireflyAuthIOException(FireflyAuthException cause) {
    super(cause.getMessage(), cause);
    this.cause = cause;
  }

  /** The library's exception, typed by {@link FireflyAuthException#kind()}. */
  @Override
  public synchronized FireflyAuthException getCause() {
    return cause;
  }

  /** What kind of failure this is, and so what the caller should do. */
  public FireflyAuthException.Kind kind() {
    return cause.kind();
  }
}

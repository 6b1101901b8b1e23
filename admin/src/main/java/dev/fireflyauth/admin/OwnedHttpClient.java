package dev.fireflyauth.admin;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * The application's {@link HttpClient}, or one made on first use and closed with its owner (JDK 21+).
 *
 * <p>Why it exists: a {@link SecretsAdmin} built without a client must not open one before its first call, and
 * must not close one the application gave it. Thread-safe.
 */
final class OwnedHttpClient implements Supplier<HttpClient>, AutoCloseable {
  private final HttpClient given;
  private final Supplier<HttpClient> factory;
  private HttpClient made; // guarded by this

  OwnedHttpClient(HttpClient given, Supplier<HttpClient> factory) {
    this.given = given;
    this.factory = factory;
  }

  @Override
  public synchronized HttpClient get() {
    if (given != null) {
      return given;
    }
    if (made == null) {
      made = factory.get();
    }
    return made;
  }

  /** Closes the client we made; {@link HttpClient} is {@link AutoCloseable} from JDK 21 on. */
  @Override
  public synchronized void close() {
    if (made instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // its threads end with it anyway
      }
    }
    made = null;
  }
}

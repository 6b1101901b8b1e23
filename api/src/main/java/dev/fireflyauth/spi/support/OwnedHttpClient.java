package dev.fireflyauth.spi.support;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * The application's {@link HttpClient}, or one made on first use and closed with its owner (JDK 21+).
 *
 * <p>Why it exists: a token provider or admin client built without the application's client must not open one
 * before its first call (an idle provider holds no selector thread), must reuse it for every call after that,
 * and must never close a client the application gave it. Thread-safe.
 */
public final class OwnedHttpClient implements Supplier<HttpClient>, AutoCloseable {
  private final HttpClient given;
  private final Supplier<HttpClient> factory;
  private HttpClient made; // guarded by this

  /**
   * @param given the application's client, used as is and never closed; or null
   * @param factory makes our own client on first use when {@code given} is null
   */
  public OwnedHttpClient(HttpClient given, Supplier<HttpClient> factory) {
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

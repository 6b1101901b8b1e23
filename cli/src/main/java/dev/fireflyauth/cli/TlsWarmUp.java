package dev.fireflyauth.cli;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Initialises the JDK's TLS stack (security providers, the default trust store) on a daemon thread while the
 * main thread parses arguments and runs the credential chain.
 *
 * <p>Why it exists: every {@code java.net.http.HttpClient} builds the default {@link SSLContext}, which costs
 * about 300 ms in a fresh JVM, the largest single part of a {@code firefly-auth token} call. Doing it in
 * parallel with picocli's start-up takes that off the critical path on any machine with two cores. Failures
 * are ignored here: the real call reports them.
 */
final class TlsWarmUp {
  private TlsWarmUp() {}

  static void start() {
    Thread t = new Thread(TlsWarmUp::run, "firefly-auth-tls-warmup");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      SSLContext.getDefault();
    } catch (NoSuchAlgorithmException | RuntimeException e) {
      // The HTTP client will raise it with context.
    }
  }
}

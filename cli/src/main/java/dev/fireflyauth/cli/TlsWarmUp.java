package dev.fireflyauth.cli;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Initialises the JDK's TLS stack (security providers, the default trust store) on a daemon thread while the
 * main thread parses arguments and runs the credential chain.
 *
 * <p>Why it exists: every {@code java.net.http.HttpClient} builds the default {@link SSLContext} when it is
 * created (even for a plain-http URL), which costs 130–220 ms of CPU in a fresh JVM. Doing it in parallel with
 * picocli's start-up takes most of that off the critical path on a machine with two cores. {@link Main} starts
 * it only for runs that will certainly exchange: a run served from the token store never builds a client, and
 * there the warm-up only competes for the CPU. Failures are ignored here: the real call reports them.
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

package dev.fireflyauth.cli.serve;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's HTTP server: the JDK's {@link HttpServer} on one address, with a small fixed pool of daemon
 * threads (a request may wait for the one exchange all callers share, so the dispatcher thread must not run it).
 *
 * <p>Why it exists: the CLI's only server; {@link #close()} stops it within {@link #GRACE} (requests in flight may
 * finish) and leaves no thread behind.
 */
final class AgentServer implements AutoCloseable {
  /** Threads answering requests; more callers queue (they would all wait for the same exchange anyway). */
  static final int THREADS = 8;

  /** How long {@link #close()} lets requests in flight finish. */
  static final Duration GRACE = Duration.ofSeconds(1);

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger inFlight;

  private AgentServer(HttpServer server, ExecutorService executor, AtomicInteger inFlight) {
    this.server = server;
    this.executor = executor;
    this.inFlight = inFlight;
  }

  /**
   * Binds {@code address} and starts answering with {@code handler}.
   *
   * @throws IOException when the address cannot be bound (in use, not local)
   */
  static AgentServer start(InetSocketAddress address, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(address, 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "firefly-auth-serve-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    AtomicInteger inFlight = new AtomicInteger();
    server.createContext("/", exchange -> {
      inFlight.incrementAndGet();
      try {
        handler.handle(exchange);
      } finally {
        inFlight.decrementAndGet();
      }
    });
    server.setExecutor(executor);
    server.start();
    return new AgentServer(server, executor, inFlight);
  }

  /** The port bound (the one chosen when 0 was asked for). */
  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Lets requests in flight finish for up to {@link #GRACE}, then closes every connection and the threads.
   * (The JDK's own {@code stop(delay)} waits the whole delay even when idle, before JDK 21.)
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + GRACE.toNanos();
    try {
      while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}

package dev.fireflyauth.spi.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real HTTP server on loopback that sends headers, then as much of the body as each test wants. */
@Timeout(30)
class HttpCallsTest {
  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpCalls calls = new HttpCalls();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-peer");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/ok", x -> {
      byte[] b = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, b.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(b);
      }
    });
    server.createContext("/big", x -> {
      x.sendResponseHeaders(200, 0); // chunked: the size is not announced
      try (OutputStream out = x.getResponseBody()) {
        for (int i = 0; i < 100; i++) {
          out.write(new byte[1024]);
        }
      }
    });
    server.createContext("/silent", x -> {
      try {
        release.await(20, TimeUnit.SECONDS); // no headers in time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      x.close();
    });
    server.createContext("/stall", x -> {
      x.sendResponseHeaders(200, 100);
      OutputStream out = x.getResponseBody();
      out.write("{\"a\":".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        release.await(20, TimeUnit.SECONDS); // the rest never comes in time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      x.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build();
  }

  @Test
  void readsAWholeReply() throws Exception {
    HttpReply r = calls.send(client, get("/ok"), 1024, Duration.ofSeconds(10));
    assertEquals(200, r.status());
    assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), r.body());
    assertEquals("{\"a\":1}", r.text().orElseThrow());
  }

  @Test
  void aBodyBeyondTheCapIsNotRead() throws Exception {
    HttpReply r = calls.send(client, get("/big"), 10 * 1024, Duration.ofSeconds(10));
    assertTrue(r.tooLarge());
    assertEquals(0, r.body().length);
  }

  @Test
  void aBodyThatStallsAfterTheHeadersTimesOut() {
    HttpTimeoutException e = assertThrows(HttpTimeoutException.class,
        () -> calls.send(client, get("/stall"), 1024, Duration.ofMillis(300)));
    assertEquals("no complete reply within 300 ms", e.getMessage());
  }

  @Test
  void theRequestsOwnHeaderTimeoutGetsTheSameMessageAsOurDeadline() {
    // Both deadlines are usually the same budget and race; whichever fires, the fault reads the same.
    HttpRequest silent = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/silent")).timeout(Duration.ofMillis(300)).build();
    HttpTimeoutException e = assertThrows(HttpTimeoutException.class,
        () -> calls.send(client, silent, 1024, Duration.ofSeconds(10)));
    assertEquals("no complete reply within 300 ms", e.getMessage());
  }

  @Test
  void closeReleasesACallerAndRefusesNewCalls() throws Exception {
    CompletableFuture<Throwable> caller = CompletableFuture.supplyAsync(() -> {
      try {
        calls.send(client, get("/stall"), 1024, Duration.ofSeconds(20));
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    Thread.sleep(200);
    calls.close();
    assertTrue(caller.get(5, TimeUnit.SECONDS) instanceof HttpCalls.ClosedException);
    assertThrows(HttpCalls.ClosedException.class, () -> calls.send(client, get("/ok"), 1024, Duration.ofSeconds(1)));
  }
}

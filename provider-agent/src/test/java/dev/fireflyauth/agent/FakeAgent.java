package dev.fireflyauth.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The network peer these tests stub: a real HTTP server on loopback that plays a {@code firefly-auth serve}
 * agent, answering each request with whatever the test scripted and recording what it was sent.
 */
final class FakeAgent implements AutoCloseable {
  /** What the agent answers: status, body, headers. */
  record Answer(int status, byte[] body, Map<String, String> headers, Duration delay) {
    static Answer json(int status, String body) {
      return new Answer(status, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"),
          Duration.ZERO);
    }

    /** This answer, sent only after {@code d}. */
    Answer after(Duration d) {
      return new Answer(status, body, headers, d);
    }
  }

  /** What one request carried. */
  record Seen(String method, String path, List<String> authorization) {}

  private final HttpServer server;
  private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.json(503, "{}"));
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  private FakeAgent(HttpServer server) {
    this.server = server;
  }

  static FakeAgent start() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      FakeAgent agent = new FakeAgent(s);
      s.createContext("/", agent::handle);
      s.start();
      return agent;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL, as FIREFLY_AGENT_URL would hold it. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on, answer every request with {@code a}. */
  FakeAgent answer(Answer a) {
    answer.set(a);
    return this;
  }

  /** From now on, hand out {@code token} for {@code clientId}, expiring at {@code expiresAt}. */
  FakeAgent token(String token, String clientId, Instant expiresAt) {
    return answer(Answer.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_at\":\""
        + expiresAt + "\",\"expires_in\":3600,\"client_id\":\"" + clientId + "\"}"));
  }

  int requests() {
    return requests.get();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      List<String> auth = ex.getRequestHeaders().get("Authorization");
      seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), auth == null ? List.of() : auth));
      Answer a = answer.get();
      if (!a.delay().isZero()) {
        try {
          Thread.sleep(a.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] body = a.body();
      a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

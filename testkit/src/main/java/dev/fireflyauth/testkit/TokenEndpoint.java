package dev.fireflyauth.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.fireflyauth.TimeSource;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP side of the emulator: routes {@code POST /ims/token/v3}, enforces the method, content type and body
 * cap, counts the request, applies an injected fault, and writes the {@link Reply} with an {@code x-debug-id}.
 *
 * <p>Why it exists: it keeps wire concerns out of the protocol ({@link ClientCredentialsGrant}). Every answer,
 * errors included, carries a fresh random {@code x-debug-id}, as IMS's do. Logs one debug line per request,
 * never a secret or token. Thread-safe.
 */
final class TokenEndpoint implements HttpHandler {
  static final String PATH = "/ims/token/v3";
  static final int MAX_BODY_BYTES = 16 * 1024;
  static final String FORM = "application/x-www-form-urlencoded";

  private static final System.Logger LOG = System.getLogger(TokenEndpoint.class.getName());

  private final ClientCredentialsGrant grant;
  private final RequestCounter counter;
  private final Faults faults;
  private final TimeSource time;

  TokenEndpoint(ClientCredentialsGrant grant, RequestCounter counter, Faults faults, TimeSource time) {
    this.grant = grant;
    this.counter = counter;
    this.faults = faults;
    this.time = time;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Reply reply = answer(exchange);
      if (reply != null) {
        send(exchange, reply);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the emulator is closing: leave without a response
    } finally {
      exchange.close();
    }
  }

  /** The reply for this exchange; null when the connection is to be dropped without one. */
  private Reply answer(HttpExchange exchange) throws IOException, InterruptedException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    if (!PATH.equals(path)) {
      return Reply.error(404, "not_found", "no such endpoint; the token endpoint is POST " + PATH);
    }
    counter.countRequest();
    Request request = read(exchange, method);
    if (request.clientId() != null) {
      counter.countClient(request.clientId());
    }
    Fault fault = faults.poll();
    if (fault != null) {
      LOG.log(Level.DEBUG, "IMS emulator: injecting {0} into {1} {2}", fault.kind(), method, path);
      switch (fault.kind()) {
        case DROP_CONNECTION:
          return null;
        case SERVER_ERROR:
          return Reply.error(fault.status(), "server_error", "injected fault: HTTP " + fault.status());
        case TOO_MANY_REQUESTS:
          return Reply.error(429, "too_many_requests", "injected fault: too many requests")
              .withHeader("Retry-After", Long.toString(fault.retryAfterSeconds()));
        case DELAY:
          time.sleep(fault.duration());
          break;
      }
    }
    return request.rejection() != null ? request.rejection() : grant.answer(request.form());
  }

  /** What the request says, or why it is refused before the protocol looks at it. */
  private record Request(Map<String, String> form, Reply rejection) {
    String clientId() {
      return form == null ? null : form.get("client_id");
    }
  }

  private static Request read(HttpExchange exchange, String method) throws IOException {
    if (!method.equals("POST")) {
      return new Request(
          null,
          Reply.error(405, "invalid_request", "method " + method + " is not allowed; use POST")
              .withHeader("Allow", "POST"));
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(FORM)) {
      return new Request(
          null,
          Reply.error(
              400, "invalid_request", "Content-Type must be " + FORM + ", was " + (type == null ? "missing" : type)));
    }
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      return new Request(
          null, Reply.error(413, "invalid_request", "request body exceeds " + MAX_BODY_BYTES + " bytes"));
    }
    try {
      return new Request(FormBody.parse(new String(body, StandardCharsets.UTF_8)), null);
    } catch (IllegalArgumentException e) {
      return new Request(null, Reply.error(400, "invalid_request", e.getMessage()));
    }
  }

  /** Writes {@code reply} with the headers every emulator answer has; an empty body (a 204) is sent as none. */
  static void send(HttpExchange exchange, Reply reply) throws IOException {
    String debugId = Randoms.debugId();
    byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
    if (body.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("x-debug-id", debugId);
    reply.headers().forEach(exchange.getResponseHeaders()::set);
    LOG.log(
        Level.DEBUG,
        "IMS emulator: {0} {1} -> {2} {3} (x-debug-id {4})",
        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), reply.status(), reply.error(), debugId);
    boolean noBody = exchange.getRequestMethod().equals("HEAD") || body.length == 0;
    exchange.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}

package dev.fireflyauth.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Every request the agent receives passes here: unknown path 404, a method other than {@code GET} 405, a missing
 * or wrong agent token 401 (no detail: a caller learns nothing about why), then the endpoint. Each answer is
 * counted and carries {@code Cache-Control: no-store}.
 *
 * <p>Why it exists: the checks that protect the tokens must not depend on each endpoint remembering them. Only
 * the exact paths are served (no prefix matching, no trailing slash). Thread-safe.
 */
final class Router implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  /** An endpoint and whether it needs the agent token. */
  record Route(Endpoint endpoint, boolean needsAgentToken) {}

  private final Map<String, Route> routes;
  private final AgentTokenGuard guard;
  private final AgentMetrics metrics;

  Router(Map<String, Route> routes, AgentTokenGuard guard, AgentMetrics metrics) {
    this.routes = Map.copyOf(routes);
    this.guard = guard;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      Route route = routes.get(path);
      Reply reply;
      try {
        reply = answer(exchange, route);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "firefly-auth serve failed to answer a request: " + e.getClass().getName());
        reply = Reply.error(500, "internal");
      }
      metrics.request(route == null ? AgentMetrics.OTHER_PATH : path, reply.status());
      send(exchange, reply);
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  private Reply answer(HttpExchange exchange, Route route) {
    if (route == null) {
      return Reply.error(404, "not_found");
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      return Reply.error(405, "method_not_allowed").withHeader("Allow", "GET");
    }
    if (route.needsAgentToken() && !guard.accepts(exchange.getRequestHeaders().get("Authorization"))) {
      return Reply.error(401, "unauthorized").withHeader("WWW-Authenticate", "Bearer realm=\"firefly-auth agent\"");
    }
    return route.endpoint().answer();
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    boolean body = reply.body().length > 0 && !exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(reply.status(), body ? reply.body().length : -1);
    if (body) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }
}

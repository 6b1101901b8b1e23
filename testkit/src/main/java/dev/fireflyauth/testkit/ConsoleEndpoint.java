package dev.fireflyauth.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the emulator's I/O Management API: routes
 * {@code GET|POST /console/organizations/{orgId}/credentials/{credentialId}/secrets} and
 * {@code DELETE …/secrets/{uuid}}, reads the bearer token and {@code x-api-key}, and writes the
 * {@link ClientSecretsApi}'s answer with an {@code x-debug-id}, on the same loopback port as the token endpoint.
 *
 * <p>Why it exists: it keeps wire concerns out of the protocol, like {@link TokenEndpoint} does for tokens.
 * Request bodies are read (up to a cap) and ignored: adding a secret takes none. Thread-safe.
 */
final class ConsoleEndpoint implements HttpHandler {
  static final String PREFIX = "/console/";
  private static final Pattern PATH =
      Pattern.compile("/console/organizations/([^/]+)/credentials/([^/]+)/secrets(?:/([^/]+))?/?");
  private static final String BEARER = "Bearer ";

  private final ClientSecretsApi api;
  private final AtomicInteger requests = new AtomicInteger();

  ConsoleEndpoint(ClientSecretsApi api) {
    this.api = api;
  }

  /** How many requests reached {@code /console/…}, refused ones included. */
  int requestCount() {
    return requests.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      requests.incrementAndGet();
      exchange.getRequestBody().readNBytes(TokenEndpoint.MAX_BODY_BYTES);
      TokenEndpoint.send(exchange, answer(exchange));
    } finally {
      exchange.close();
    }
  }

  private Reply answer(HttpExchange exchange) {
    Matcher m = PATH.matcher(exchange.getRequestURI().getRawPath());
    if (!m.matches()) {
      return ClientSecretsApi.gatewayError(404, "404000", "no such endpoint; the client secrets are at "
          + "/console/organizations/{orgId}/credentials/{credentialId}/secrets");
    }
    String method = exchange.getRequestMethod();
    boolean one = m.group(3) != null;
    String allowed = one ? "DELETE" : "GET, POST";
    if (!(one ? method.equals("DELETE") : method.equals("GET") || method.equals("POST"))) {
      return ClientSecretsApi.gatewayError(405, "405000", "method " + method + " is not allowed; use " + allowed)
          .withHeader("Allow", allowed);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? authorization.substring(BEARER.length()).strip()
        : null;
    return api.answer(new ClientSecretsApi.Call(method, token, exchange.getRequestHeaders().getFirst("x-api-key"),
        m.group(1), m.group(2), m.group(3)));
  }
}

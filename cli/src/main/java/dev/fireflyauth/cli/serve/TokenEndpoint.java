package dev.fireflyauth.cli.serve;

import dev.fireflyauth.TimeSource;
import dev.fireflyauth.agent.AgentProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/token}: the current token, its type, expiry and client ID
 * ({@link AgentProtocol}); 503 with the failure's kind when the agent's own token request failed transiently,
 * 500 when it failed for good (rejected credentials, broken configuration). Never a secret, never a message.
 */
final class TokenEndpoint implements Endpoint {
  private final AgentTokens tokens;
  private final TimeSource time;

  TokenEndpoint(AgentTokens tokens, TimeSource time) {
    this.tokens = tokens;
    this.time = time;
  }

  @Override
  public Reply answer() {
    AgentTokens.Handout h;
    try {
      h = tokens.current();
    } catch (AgentTokens.Unavailable u) {
      return Reply.json(u.retryable() ? 503 : 500, AgentProtocol.ERROR, "unavailable", AgentProtocol.KIND, u.kind());
    }
    Instant expiresAt = h.token().expiresAt().orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(AgentProtocol.ACCESS_TOKEN, h.token().value().reveal());
    body.put(AgentProtocol.TOKEN_TYPE, h.token().type());
    body.put(AgentProtocol.EXPIRES_AT, expiresAt.toString());
    body.put(AgentProtocol.EXPIRES_IN, Math.max(0, Duration.between(time.now(), expiresAt).getSeconds()));
    body.put(AgentProtocol.CLIENT_ID, h.clientId());
    return Reply.json(200, body);
  }
}

package dev.fireflyauth.cli.serve;

import dev.fireflyauth.agent.AgentProtocol;

/**
 * {@code GET /v1/health}, open to all (a liveness or readiness probe has no agent token): 200
 * {@code {"status":"ok"}} when the agent can hand out a token now, else 503 with the failure's kind. It answers
 * from the agent's token cache, so probes cost no exchange while a token is cached.
 */
final class HealthEndpoint implements Endpoint {
  private final AgentTokens tokens;

  HealthEndpoint(AgentTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Reply answer() {
    try {
      tokens.current();
      return Reply.json(200, AgentProtocol.STATUS, "ok");
    } catch (AgentTokens.Unavailable u) {
      return Reply.json(503, AgentProtocol.STATUS, "unavailable", AgentProtocol.KIND, u.kind());
    }
  }
}

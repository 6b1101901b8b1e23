package dev.fireflyauth.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's HTTP contract, over real HTTP on loopback, against the IMS emulator. */
class AgentServerTest {
  @TempDir Path dir;
  private InProcessAgent agent;

  private InProcessAgent agent(Map<String, String> env) {
    agent = new InProcessAgent(dir, env);
    return agent;
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private static Map<?, ?> json(HttpResponse<String> r) {
    try {
      return (Map<?, ?>) StrictJson.parse(r.body());
    } catch (JsonProblem e) {
      throw new AssertionError(e.describe("the agent's reply"));
    }
  }

  @Test
  void theTokenReplyCarriesAnImsTokenItsExpiryAndClientIdAndIsNeverCached() {
    InProcessAgent a = agent(Map.of());
    HttpResponse<String> r = a.get("/v1/token", "Bearer " + a.agentToken);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    Map<?, ?> body = json(r);
    assertEquals(List.of("access_token", "token_type", "expires_at", "expires_in", "client_id"),
        new ArrayList<>(body.keySet()));
    assertTrue(a.ims.isValidToken((String) body.get("access_token")));
    assertEquals("bearer", body.get("token_type"));
    assertEquals(a.client.clientId(), body.get("client_id"));
    Instant expiresAt = Instant.parse((String) body.get("expires_at"));
    assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofHours(23))), expiresAt::toString);
    long expiresIn = ((Number) body.get("expires_in")).longValue();
    assertTrue(expiresIn > 23 * 3600 && expiresIn <= 86399, "expires_in " + expiresIn);
  }

  @Test
  void manyClientsAtOnceMakeOneExchange() throws Exception {
    InProcessAgent a = agent(Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        all.add(CompletableFuture.supplyAsync(() -> a.get("/v1/token", a.agentToken), pool));
      }
      String first = null;
      for (CompletableFuture<HttpResponse<String>> f : all) {
        HttpResponse<String> r = f.get();
        assertEquals(200, r.statusCode(), r::body);
        String token = (String) json(r).get("access_token");
        first = first == null ? token : first;
        assertEquals(first, token);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, a.ims.requestCount(a.client.clientId()));
  }

  @Test
  void theAgentTokenIsRequiredBareOrAsBearerAndAnythingElseIs401WithoutDetail() {
    InProcessAgent a = agent(Map.of());
    String t = a.agentToken;
    for (String ok : List.of(t, "Bearer " + t, "bearer " + t, "  Bearer   " + t + "  ")) {
      assertEquals(200, a.get("/v1/token", ok).statusCode(), ok);
    }
    List<String[]> refused = List.of(new String[0], new String[] {""}, new String[] {"Bearer"},
        new String[] {t.substring(0, t.length() - 1)}, new String[] {t + "x"},
        new String[] {t.substring(0, t.length() - 1) + (t.endsWith("A") ? "B" : "A")},
        new String[] {"Basic " + t}, new String[] {t, t}, new String[] {"Bearer " + t.toUpperCase()});
    for (String[] auth : refused) {
      for (String path : List.of("/v1/token", "/metrics")) {
        HttpResponse<String> r = a.get(path, auth);
        assertEquals(401, r.statusCode(), path + " " + List.of(auth));
        assertEquals("{\"error\":\"unauthorized\"}", r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
      }
    }
    assertEquals(1, a.ims.requestCount(a.client.clientId()), "refused requests cause no exchange");
  }

  @Test
  void otherMethodsAre405AndOtherPaths404() {
    InProcessAgent a = agent(Map.of());
    for (String path : List.of("/v1/token", "/v1/health", "/metrics")) {
      for (String method : List.of("POST", "PUT", "DELETE", "HEAD", "OPTIONS")) {
        HttpResponse<String> r = a.send(method, path, a.agentToken);
        assertEquals(405, r.statusCode(), method + " " + path);
        assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
      }
    }
    for (String path : List.of("/", "/v1/token/", "/v1/tokens", "/v1", "/metrics/x", "/V1/TOKEN", "/v1/./token")) {
      HttpResponse<String> r = a.get(path, a.agentToken);
      assertEquals(404, r.statusCode(), path);
      assertEquals("{\"error\":\"not_found\"}", r.body());
    }
    assertEquals(0, a.ims.requestCount(a.client.clientId()));
  }

  @Test
  void healthNeedsNoAgentTokenAndSaysOkWithoutAToken() {
    InProcessAgent a = agent(Map.of());
    HttpResponse<String> r = a.get("/v1/health");
    assertEquals(200, r.statusCode());
    assertEquals("{\"status\":\"ok\"}", r.body());
  }

  @Test
  void whenImsRejectsTheAgentsCredentialsTokenIs500AndHealth503WithTheKind() {
    InProcessAgent a = agent(Map.of("FIREFLY_SERVICES_CLIENT_SECRET", "not-the-registered-secret"));
    HttpResponse<String> health = a.get("/v1/health");
    assertEquals(503, health.statusCode());
    assertEquals("{\"status\":\"unavailable\",\"kind\":\"rejected\"}", health.body());
    HttpResponse<String> token = a.get("/v1/token", a.agentToken);
    assertEquals(500, token.statusCode());
    assertEquals("{\"error\":\"unavailable\",\"kind\":\"rejected\"}", token.body());
    assertFalse(health.body().contains("not-the-registered-secret") || token.body().contains("not-the-registered"));
  }

  @Test
  void whenImsIsDownTheTokenIs503AndTheFailuresAreCounted() {
    InProcessAgent a = agent(Map.of());
    a.ims.faults().next(20).serverError(503);
    HttpResponse<String> token = a.get("/v1/token", a.agentToken);
    assertEquals(503, token.statusCode());
    assertEquals("{\"error\":\"unavailable\",\"kind\":\"transient\"}", token.body());
    String metrics = a.get("/metrics", a.agentToken).body();
    assertTrue(metrics.contains("\nfirefly_agent_exchange_failures_total{kind=\"transient\"} 1\n"), metrics);
    assertTrue(metrics.contains("\nfirefly_agent_exchanges_total 0\n"), metrics);
  }

  @Test
  void aReadyMadeTokenWithoutExpiryIsNotHandedOut() {
    InProcessAgent a = agent(Map.of("FIREFLY_SERVICES_ACCESS_TOKEN", "ready-made-token-without-expiry"));
    HttpResponse<String> token = a.get("/v1/token", a.agentToken);
    assertEquals(500, token.statusCode());
    assertEquals("{\"error\":\"unavailable\",\"kind\":\"broken\"}", token.body());
    assertEquals(503, a.get("/v1/health").statusCode());
  }

  @Test
  void theAgentNeverTakesTokensFromAnAgentEvenWithTheUrlInItsEnvironment() {
    InProcessAgent a = agent(Map.of("FIREFLY_AGENT_URL", "http://127.0.0.1:1", "FIREFLY_AGENT_TOKEN_FILE", "/none"));
    HttpResponse<String> r = a.get("/v1/token", a.agentToken);
    assertEquals(200, r.statusCode(), r::body);
    assertTrue(a.ims.isValidToken((String) json(r).get("access_token")));
    TraceEntry agentEntry = a.auth.explain().stream().filter(e -> e.name().equals("agent")).findFirst().orElseThrow();
    assertEquals(TraceEntry.Outcome.SKIPPED, agentEntry.outcome());
    assertEquals("this process is the agent (firefly-auth serve): it exchanges credentials itself and never takes"
        + " tokens from an agent", agentEntry.reason());
  }

  @Test
  void metricsCountRequestsByPathAndStatusExchangesAndTheTimeLeft() {
    InProcessAgent a = agent(Map.of());
    a.get("/v1/token", a.agentToken);
    a.get("/v1/token", a.agentToken);
    a.get("/v1/token");
    a.get("/v1/health");
    a.get("/nope");
    HttpResponse<String> r = a.get("/metrics", "Bearer " + a.agentToken);
    assertEquals(200, r.statusCode());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    List<String> lines = r.body().lines().toList();
    assertTrue(lines.contains("firefly_agent_requests_total{path=\"/v1/token\",code=\"200\"} 2"), r::body);
    assertTrue(lines.contains("firefly_agent_requests_total{path=\"/v1/token\",code=\"401\"} 1"), r::body);
    assertTrue(lines.contains("firefly_agent_requests_total{path=\"/v1/health\",code=\"200\"} 1"), r::body);
    assertTrue(lines.contains("firefly_agent_requests_total{path=\"other\",code=\"404\"} 1"), r::body);
    assertTrue(lines.contains("firefly_agent_exchanges_total 1"), r::body);
    assertTrue(lines.contains("firefly_agent_exchange_failures_total{kind=\"transient\"} 0"), r::body);
    String expiry = lines.stream().filter(l -> l.startsWith("firefly_agent_token_expiry_seconds ")).findFirst()
        .orElseThrow(() -> new AssertionError(r.body()));
    long seconds = Long.parseLong(expiry.substring(expiry.indexOf(' ') + 1));
    assertTrue(seconds > 23 * 3600 && seconds <= 86399, expiry);
    for (String line : lines) {
      assertTrue(line.startsWith("# HELP firefly_agent_") || line.startsWith("# TYPE firefly_agent_")
          || line.matches("firefly_agent_[a-z_]+(\\{[a-z]+=\"[^\"]*\"(,[a-z]+=\"[^\"]*\")*})? -?\\d+"), line);
      assertFalse(line.contains(a.agentToken) || line.contains(a.client.clientSecret()), line);
    }
  }
}

package dev.fireflyauth.agent;

import static dev.fireflyauth.agent.AgentFixture.AGENT_TOKEN;
import static dev.fireflyauth.agent.AgentFixture.CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often a client asks the agent. The client's deadline is what the agent says is left of the token now, so
 * a client handed the same ageing token again (the agent has not refreshed yet, or cannot) asks again only after
 * about half of what is left: a handful of requests over the token's life, never one per call. Time is a fake
 * clock; background refreshes run inline so every request the cache makes is counted.
 */
class AgentRefreshTest {
  @TempDir Path dir;
  private FakeAgent agent;
  private FakeTimeSource time;
  private FireflyAuth auth;

  @BeforeEach
  void start() {
    agent = FakeAgent.start();
    time = new FakeTimeSource();
    auth = AgentFixture.auth(AgentFixture.env(agent.url(), AgentFixture.tokenFile(dir, AGENT_TOKEN)), time);
  }

  @AfterEach
  void stop() {
    auth.close();
    agent.close();
  }

  @Test
  void theSameAgeingTokenIsAskedForAHandfulOfTimesNotOnEveryCall() {
    Instant expiresAt = time.now().plus(Duration.ofMinutes(20));
    agent.token("tok-1", CLIENT_ID, expiresAt);
    int calls = 0;
    while (time.now().isBefore(expiresAt.minusSeconds(15))) {
      for (int i = 0; i < 10; i++) {
        assertEquals("tok-1", auth.token().value().reveal());
        calls++;
      }
      time.advance(Duration.ofSeconds(5));
    }
    assertTrue(calls > 2000, "calls " + calls);
    // 565 s, then after half of what is left each time: 850, 990, 1070, 1120, 1150, 1170, 1180 s.
    assertTrue(agent.requests() >= 5 && agent.requests() <= 12, "agent requests: " + agent.requests());
  }

  @Test
  void aNewTokenOfTheAgentIsTakenAtTheFirstRefresh() {
    agent.token("tok-1", CLIENT_ID, time.now().plus(Duration.ofHours(1)));
    assertEquals("tok-1", auth.token().value().reveal());
    agent.token("tok-2", CLIENT_ID, time.now().plus(Duration.ofHours(2)));
    time.advance(Duration.ofMinutes(40));
    assertEquals("tok-1", auth.token().value().reveal(), "before the refresh window nothing is asked");
    assertEquals(1, agent.requests());
    time.advance(Duration.ofMinutes(10)); // inside the window: one background refresh
    auth.token();
    assertEquals("tok-2", auth.token().value().reveal());
    assertEquals(2, agent.requests());
    for (int i = 0; i < 100; i++) {
      auth.token();
    }
    assertEquals(2, agent.requests());
  }

  @Test
  void whileTheAgentIsDownCallersKeepTheValidTokenUntilItExpires() {
    agent.token("tok-1", CLIENT_ID, time.now().plus(Duration.ofHours(1)));
    auth.token();
    time.advance(Duration.ofMinutes(50));
    agent.answer(FakeAgent.Answer.json(503, "{\"error\":\"unavailable\",\"kind\":\"transient\"}"));
    int served = 0;
    try (LogCapture logs = LogCapture.start()) {
      while (time.now().isBefore(Instant.parse("2026-11-30T00:59:45Z"))) {
        assertEquals("tok-1", auth.token().value().reveal());
        served++;
        time.advance(Duration.ofSeconds(1));
      }
      assertTrue(logs.text().contains("still serving the cached token"), logs::text);
      assertFalse(logs.text().contains(AGENT_TOKEN) || logs.text().contains("tok-1"), logs::text);
    }
    assertTrue(served > 500, "served " + served);
    int duringOutage = agent.requests() - 1;
    assertTrue(duringOutage >= 3 && duringOutage <= 20, "requests during the outage (backed off): " + duringOutage);
    time.advance(Duration.ofSeconds(30)); // past the deadline (expires_at less the clock margin)
    TransientException e = assertThrows(TransientException.class, auth::token);
    assertEquals("the agent at " + agent.url() + " answered HTTP 503 (its own token request failed: transient)",
        e.getMessage());
  }
}

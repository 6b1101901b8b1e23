package dev.fireflyauth.agent;

import static dev.fireflyauth.agent.AgentFixture.AGENT_TOKEN;
import static dev.fireflyauth.agent.AgentFixture.CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application with only the agent's address and token file gets tokens and both headers from the agent. */
class AgentProviderTest {
  @TempDir Path dir;
  private FakeAgent agent;
  private Path tokenFile;
  private final Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void start() {
    agent = FakeAgent.start().token("tok-1", CLIENT_ID, expiresAt);
    tokenFile = AgentFixture.tokenFile(dir, AGENT_TOKEN + "\n");
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void headersNeedNoClientCredentials() {
    try (FireflyAuth auth = AgentFixture.auth(AgentFixture.env(agent.url(), tokenFile))) {
      Map<String, String> headers = auth.headers();
      assertEquals(Map.of("x-api-key", CLIENT_ID, "Authorization", "Bearer tok-1"), headers);
      AccessToken token = auth.token();
      assertEquals("agent " + agent.url(), token.origin().orElseThrow());
      assertEquals(CLIENT_ID, token.clientId().orElseThrow());
      // The deadline is the agent's, less the clock margin.
      assertEquals(expiresAt.minus(AgentReply.CLOCK_MARGIN), token.expiresAt().orElseThrow());
      FakeAgent.Seen seen = agent.seen().get(0);
      assertEquals("GET", seen.method());
      assertEquals("/v1/token", seen.path());
      assertEquals(List.of("Bearer " + AGENT_TOKEN), seen.authorization(), "the newline of the file is not sent");
    }
  }

  @Test
  void oneRequestServesEveryCallWhileTheTokenIsFresh() {
    try (FireflyAuth auth = AgentFixture.auth(AgentFixture.env(agent.url(), tokenFile))) {
      for (int i = 0; i < 50; i++) {
        assertEquals("tok-1", auth.token().value().reveal());
        auth.headers();
      }
    }
    assertEquals(1, agent.requests());
  }

  @Test
  void theTokenFileIsReadAgainForEveryRequest() throws Exception {
    try (FireflyAuth auth = AgentFixture.auth(AgentFixture.env(agent.url(), tokenFile))) {
      AccessToken first = auth.token();
      String rotated = "rotated-agent-token-zyxwvutsrqponm";
      Files.writeString(tokenFile, rotated);
      agent.token("tok-2", CLIENT_ID, expiresAt);
      auth.invalidate(first); // as after a 401 from the API: the next call asks the agent again
      assertEquals("tok-2", auth.token().value().reveal());
    }
    assertEquals(List.of("Bearer " + AGENT_TOKEN), agent.seen().get(0).authorization());
    assertEquals(List.of("Bearer rotated-agent-token-zyxwvutsrqponm"), agent.seen().get(1).authorization());
  }

  @Test
  void aBaseUrlWithAPathAndATrailingSlashGetsTheTokenPathAppended() {
    try (FireflyAuth auth = AgentFixture.auth(AgentFixture.env(agent.url() + "/sidecar/", tokenFile))) {
      auth.token();
      assertEquals("agent " + agent.url() + "/sidecar", auth.token().origin().orElseThrow());
    }
    assertEquals("/sidecar/v1/token", agent.seen().get(0).path());
  }

  @Test
  void explainShowsTheAgentAsUsedAndNoSourceIsNeeded() {
    try (FireflyAuth auth = AgentFixture.auth(AgentFixture.env(agent.url(), tokenFile))) {
      List<TraceEntry> trace = auth.explain();
      TraceEntry used = trace.stream().filter(e -> e.stage() == TraceEntry.Stage.TOKEN
          && e.outcome() == TraceEntry.Outcome.USED).findFirst().orElseThrow(() -> new AssertionError(trace));
      assertEquals("agent", used.name());
      assertFalse(trace.toString().contains(AGENT_TOKEN), trace::toString);
    }
    assertEquals(0, agent.requests(), "explain() builds the provider but asks nothing");
  }

  @Test
  void withoutTheUrlTheProviderIsSkippedAndSaysWhy() {
    try (FireflyAuth auth = AgentFixture.auth(Map.of("FIREFLY_AGENT_TOKEN_FILE", tokenFile.toString()))) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::token);
      assertTrue(e.getMessage().contains("agent: FIREFLY_AGENT_URL / firefly.agent.url is not set"), e.getMessage());
    }
    assertEquals(0, agent.requests());
  }

  @Test
  void isDiscoveredWithServiceLoaderAheadOfImsAndBehindAStaticToken() {
    TokenProviderFactory f = ServiceLoader.load(TokenProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("agent")).findFirst().orElseThrow();
    assertTrue(f instanceof AgentTokenProviderFactory);
    assertTrue(f.order() > 100 && f.order() < 200, "order " + f.order());
  }
}

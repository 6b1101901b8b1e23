package dev.fireflyauth.agent;

import static dev.fireflyauth.agent.AgentFixture.AGENT_TOKEN;
import static dev.fireflyauth.agent.AgentFixture.CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each answer of the agent means to the application: the exception kind (and so the CLI's exit code) and
 * a message that names the agent, the setting or the file, and never holds the agent token or an access token.
 */
class AgentErrorTest {
  private static final String ACCESS_TOKEN = "the-access-token-value-42";

  @TempDir Path dir;
  private FakeAgent agent;
  private Path tokenFile;

  @BeforeEach
  void start() {
    agent = FakeAgent.start();
    tokenFile = AgentFixture.tokenFile(dir, AGENT_TOKEN);
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  private FireflyAuthException failure(Class<? extends FireflyAuthException> type) {
    try (FireflyAuth auth = AgentFixture.auth(AgentFixture.env(agent.url(), tokenFile))) {
      FireflyAuthException e = assertThrows(type, auth::token);
      assertFalse(e.getMessage().contains(AGENT_TOKEN), e::getMessage);
      assertFalse(e.getMessage().contains(ACCESS_TOKEN), e::getMessage);
      return e;
    }
  }

  @Test
  void a401IsABrokenConfigurationNamingTheTokenFile() {
    agent.answer(FakeAgent.Answer.json(401, "{\"error\":\"unauthorized\"}"));
    FireflyAuthException e = failure(ConfigurationException.class);
    assertEquals(FireflyAuthException.Kind.BROKEN, e.kind());
    assertEquals("the agent at " + agent.url() + " refused the agent token in " + tokenFile
        + " (environment variable FIREFLY_AGENT_TOKEN_FILE): the file must hold the token of the agent there (its"
        + " startup line names its token file)", e.getMessage());
  }

  @Test
  void a503IsTransientAndSaysWhatKindOfFailureTheAgentHad() {
    agent.answer(FakeAgent.Answer.json(503, "{\"error\":\"unavailable\",\"kind\":\"transient\"}"));
    FireflyAuthException e = failure(TransientException.class);
    assertEquals("the agent at " + agent.url() + " answered HTTP 503 (its own token request failed: transient)",
        e.getMessage());
  }

  @Test
  void agentTextIsPeerTextAndCleanedOfTheAgentToken() {
    agent.answer(FakeAgent.Answer.json(500, "{\"error\":\"echo Bearer " + AGENT_TOKEN + "\\nforged: line "
        + AGENT_TOKEN + "\"}"));
    FireflyAuthException e = failure(TransientException.class);
    assertTrue(e.getMessage().startsWith("the agent at " + agent.url() + " answered HTTP 500 (its own token request"
        + " failed: echo"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void a429AndA5xxWithoutABodyAreTransient() {
    agent.answer(FakeAgent.Answer.json(429, ""));
    assertEquals("the agent at " + agent.url() + " answered HTTP 429", failure(TransientException.class).getMessage());
    agent.answer(FakeAgent.Answer.json(502, "<html>bad gateway</html>"));
    assertEquals("the agent at " + agent.url() + " answered HTTP 502", failure(TransientException.class).getMessage());
  }

  @Test
  void anotherStatusMeansTheUrlIsNotAnAgent() {
    agent.answer(FakeAgent.Answer.json(404, "{}"));
    FireflyAuthException e = failure(ConfigurationException.class);
    assertEquals("the agent at " + agent.url() + " answered HTTP 404 to GET /v1/token: check that environment"
        + " variable FIREFLY_AGENT_URL is the base URL of a `firefly-auth serve` agent, such as"
        + " http://127.0.0.1:8719", e.getMessage());
  }

  @Test
  void anUnreachableAgentIsTransient() throws IOException {
    String url;
    try (ServerSocket s = new ServerSocket(0)) {
      url = "http://127.0.0.1:" + s.getLocalPort();
    }
    try (FireflyAuth auth = AgentFixture.auth(AgentFixture.env(url, tokenFile))) {
      TransientException e = assertThrows(TransientException.class, auth::token);
      assertTrue(e.getMessage().startsWith("the agent at " + url + " (environment variable FIREFLY_AGENT_URL) cannot"
          + " be reached: ConnectException"), e.getMessage());
      assertTrue(e.getMessage().endsWith("; is `firefly-auth serve` running there?"), e.getMessage());
    }
  }

  @Test
  void anAgentThatStallsIsCutOffAtTheRequestTimeout() {
    agent.token(ACCESS_TOKEN, CLIENT_ID, Instant.now().plusSeconds(3600));
    agent.answer(FakeAgent.Answer.json(200, "{}").after(Duration.ofSeconds(3)));
    try (FireflyAuth auth = FireflyAuth.builder()
        .settings(Settings.builder().environment(AgentFixture.env(agent.url(), tokenFile)).build())
        .addTokenProviderFactory(new AgentTokenProviderFactory(Duration.ofSeconds(1), Duration.ofMillis(300)))
        .build()) {
      TransientException e = assertThrows(TransientException.class, auth::token);
      assertTrue(e.getMessage().contains("cannot be reached: HttpTimeoutException (no complete reply within 300 ms)"),
          e.getMessage());
    }
  }

  static Stream<Arguments> malformedReplies() {
    String future = Instant.now().plusSeconds(3600).toString();
    return Stream.of(
        Arguments.of("<html>login</html>", "is not valid JSON"),
        Arguments.of("", "answered HTTP 200 with an empty body"),
        Arguments.of("[]", "answered HTTP 200 with JSON that is not an object"),
        Arguments.of(reply(null, "bearer", future, CLIENT_ID), "without a usable 'access_token'"),
        Arguments.of(reply(ACCESS_TOKEN + "\\r\\nX-Forged: 1", "bearer", future, CLIENT_ID),
            "where 'access_token' contains a control character (a line break?); it would forge an HTTP header"),
        Arguments.of(reply(ACCESS_TOKEN, "mac", future, CLIENT_ID),
            "with 'token_type' \"mac\"; only 'bearer' is supported"),
        Arguments.of(reply(ACCESS_TOKEN, "bearer", future, null), "without a usable 'client_id'"),
        Arguments.of(reply(ACCESS_TOKEN, "bearer", future, "id\\nforged"),
            "where 'client_id' contains a control character"),
        Arguments.of(reply(ACCESS_TOKEN, "bearer", null, CLIENT_ID), "without a usable 'expires_at'"),
        Arguments.of(reply(ACCESS_TOKEN, "bearer", "tomorrow", CLIENT_ID),
            "with an 'expires_at' that is not an ISO-8601 instant such as 2026-11-30T12:00:00Z"),
        Arguments.of(reply(ACCESS_TOKEN, "bearer", Instant.now().plusSeconds(5).toString(), CLIENT_ID),
            "less than 10 s from now; the agent should have refreshed it"),
        Arguments.of("{\"access_token\":\"" + "x".repeat(17 * 1024) + "\"}",
            "with a body larger than 16 KiB (refused unread)"));
  }

  @ParameterizedTest
  @MethodSource("malformedReplies")
  void aMalformedReplyIsTransientAndNamesWhatIsWrong(String body, String expected) {
    agent.answer(FakeAgent.Answer.json(200, body));
    FireflyAuthException e = failure(TransientException.class);
    assertTrue(e.getMessage().startsWith(body.startsWith("<") ? "the reply of the agent at " + agent.url()
        : "the agent at " + agent.url() + " answered HTTP 200 "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aBodyThatIsNotUtf8IsTransient() {
    agent.answer(new FakeAgent.Answer(200, new byte[] {'{', (byte) 0xff, '}'}, Map.of(), Duration.ZERO));
    assertEquals("the agent at " + agent.url() + " answered HTTP 200 with a body that is not UTF-8 text",
        failure(TransientException.class).getMessage());
  }

  private static String reply(String token, String type, String expiresAt, String clientId) {
    StringBuilder sb = new StringBuilder("{\"expires_in\":3600");
    field(sb, "access_token", token);
    field(sb, "token_type", type);
    field(sb, "expires_at", expiresAt);
    field(sb, "client_id", clientId);
    return sb.append('}').toString();
  }

  private static void field(StringBuilder sb, String name, String value) {
    if (value != null) {
      sb.append(",\"").append(name).append("\":\"").append(value).append('"');
    }
  }
}

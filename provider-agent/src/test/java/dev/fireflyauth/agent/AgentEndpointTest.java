package dev.fireflyauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent URL is checked before any connection: the agent token must never travel in clear across a network. */
class AgentEndpointTest {
  private static AgentEndpoint endpoint(String url) {
    return AgentEndpoint.from(Settings.builder().environment(Map.of("FIREFLY_AGENT_URL", url)).build()).orElseThrow();
  }

  private static String refused(String url) {
    return assertThrows(ConfigurationException.class, () -> endpoint(url)).getMessage();
  }

  @Test
  void plainHttpToLoopbackAndHttpsAnywhere() {
    assertEquals(URI.create("http://127.0.0.1:8719/v1/token"), endpoint("http://127.0.0.1:8719").tokenUri());
    assertEquals(URI.create("http://localhost:8719/v1/token"), endpoint("http://localhost:8719/").tokenUri());
    assertEquals(URI.create("http://[::1]:8719/v1/token"), endpoint("http://[::1]:8719").tokenUri());
    assertEquals(URI.create("https://agent.internal/firefly/v1/token"),
        endpoint("HTTPS://agent.internal/firefly//").tokenUri());
  }

  @Test
  void plainHttpToAnotherHostIsRefused() {
    assertEquals("environment variable FIREFLY_AGENT_URL (FIREFLY_AGENT_URL / firefly.agent.url) is"
        + " 'http://10.0.0.5:8719': https is required, because the agent token is sent to this URL (plain http is"
        + " allowed only for a loopback host such as localhost or 127.0.0.1)", refused("http://10.0.0.5:8719"));
  }

  @Test
  void userInfoAQueryOrAnotherSchemeIsRefused() {
    assertEquals("environment variable FIREFLY_AGENT_URL (FIREFLY_AGENT_URL / firefly.agent.url) must not contain"
        + " user info (nothing secret belongs in the URL)", refused("http://me:pw@127.0.0.1:8719"));
    assertEquals("environment variable FIREFLY_AGENT_URL (FIREFLY_AGENT_URL / firefly.agent.url) must be the agent's"
        + " base URL such as http://127.0.0.1:8719, without a query or fragment (/v1/token is appended to it)",
        refused("http://127.0.0.1:8719?x=1"));
    assertEquals("environment variable FIREFLY_AGENT_URL (FIREFLY_AGENT_URL / firefly.agent.url) must be an absolute"
        + " https URL such as https://agent.example:8719 (or http://127.0.0.1:8719 on loopback), was"
        + " 'unix:/run/agent.sock'", refused("unix:/run/agent.sock"));
  }
}

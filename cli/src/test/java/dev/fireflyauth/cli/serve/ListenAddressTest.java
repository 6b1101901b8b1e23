package dev.fireflyauth.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** {@code --listen}: its syntax, and loopback decided without DNS. */
class ListenAddressTest {
  @Test
  void loopbackAddresses() throws Exception {
    String[] loopback = {"127.0.0.1:8719", "127.1.2.3:0", "localhost:8719", "[::1]:8719", "agent.localhost:1"};
    for (String ok : loopback) {
      ListenAddress a = ListenAddress.parse(ok);
      assertTrue(a.loopback(), ok);
      assertTrue(a.requireAllowed(false).bindAddress().getAddress().isLoopbackAddress(), ok);
    }
    assertEquals("http://[::1]:40000", ListenAddress.parse("[::1]:0").url(40000));
    assertEquals(InetAddress.getByName("::1"), ListenAddress.parse("[::1]:1").bindAddress().getAddress());
  }

  @Test
  void anythingElseNeedsAllowRemote() {
    for (String remote : new String[] {"0.0.0.0:8719", "10.1.2.3:8719", "[::]:8719", "agent.example.com:8719"}) {
      ListenAddress a = ListenAddress.parse(remote);
      assertFalse(a.loopback(), remote);
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> a.requireAllowed(false));
      assertEquals("--listen " + remote + " is not a loopback address: the agent hands out tokens to whoever can"
          + " reach it and knows the agent token, over plain http; listen on 127.0.0.1 or [::1], or give"
          + " --allow-remote to listen there anyway (the agent token then travels in clear text)", e.getMessage());
      assertEquals(a, a.requireAllowed(true));
    }
  }

  @Test
  void syntaxErrorsAreUsageErrors() {
    String[][] cases = {
      {"8719", "invalid --listen '8719': HOST:PORT is expected, e.g. 127.0.0.1:8719"},
      {":8719", "invalid --listen ':8719': a host is required, e.g. 127.0.0.1:8719"},
      {"127.0.0.1:", "invalid --listen '127.0.0.1:': the port must be a number from 0 to 65535"},
      {"127.0.0.1:65536", "invalid --listen '127.0.0.1:65536': the port must be a number from 0 to 65535"},
      {"127.0.0.1:http", "invalid --listen '127.0.0.1:http': the port must be a number from 0 to 65535"},
      {"::1:8719", "invalid --listen '::1:8719': an IPv6 address is written in brackets, e.g. [::1]:8719"},
      {"[::1]8719", "invalid --listen '[::1]8719': an IPv6 address is written [::1]:PORT"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(c[0])).getMessage());
    }
  }
}

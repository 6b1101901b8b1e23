package dev.fireflyauth.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** No client secret or token in the emulator's log lines (at the finest level), replies or toString(). */
class LeakScanTest {
  private static final String SECRET = "p8e-leak-scan-secret";
  private static final String ROTATED = "p8e-leak-scan-rotated";

  @Test
  void secretsAndTokensNeverLeak() {
    Logger logger = Logger.getLogger("dev.fireflyauth.testkit");
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    Http http = new Http();
    StringBuilder replies = new StringBuilder();
    String token;
    try (LogCapture logs = LogCapture.start(); ImsEmulator ims = ImsEmulator.start()) {
      RegisteredClient client = ims.registerClient("client-leak", SECRET, List.of("openid"));
      token = Http.accessToken(http.token(ims.tokenUrl(), client));
      ims.rotateSecret(client.clientId(), ROTATED, true);
      ims.faults().next().serverError(503).next().tooManyRequests(Duration.ofSeconds(1));
      for (String secret : List.of(SECRET, ROTATED, "p8e-wrong", SECRET, ROTATED)) {
        RegisteredClient attempt = new RegisteredClient(client.clientId(), secret, client.scopes());
        replies.append(http.token(ims.tokenUrl(), attempt).body());
      }
      replies.append(ims).append(client).append(client.credentials());

      String logged = logs.text();
      assertTrue(logged.contains("injecting SERVER_ERROR"), "debug lines were captured: " + logged);
      assertTrue(logged.contains("-> 401 invalid_client"), logged);
      for (String secret : List.of(SECRET, ROTATED, "p8e-wrong", token)) {
        assertFalse(logged.contains(secret), logged);
        assertFalse(replies.toString().contains(secret), replies.toString());
      }
    } finally {
      logger.setLevel(before);
    }
  }
}

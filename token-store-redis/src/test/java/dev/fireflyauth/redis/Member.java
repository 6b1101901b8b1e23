package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.testing.LogCapture;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.util.List;
import java.util.Map;

/**
 * One library-level "process": a {@link FireflyAuth} of its own (own memory cache, own Redis connection) with the
 * Redis store, asked for one token while its log is captured.
 *
 * @param token the token it got
 * @param fromStore whether it came from Redis
 * @param warnings the WARNING lines logged meanwhile (ours and the client library's)
 * @param store its {@code explain()} line for the store
 */
record Member(String token, boolean fromStore, List<String> warnings, TraceEntry store) {

  /**
   * Runs one member against {@code ims} as {@code client} (with {@code secret}); asserts the token is one the
   * emulator issued and that no secret of {@code secrets}, nor the token, is in its log or trace.
   */
  static Member run(ImsEmulator ims, RegisteredClient client, String spec, String secret, Map<String, String> extra,
      List<String> secrets) {
    Settings.Builder s = Settings.builder()
        .put(Setting.CLIENT_ID, client.clientId())
        .put(Setting.CLIENT_SECRET, secret)
        .put(Setting.IMS_URL, ims.tokenUrl().toString());
    extra.forEach(s::put);
    try (LogCapture logs = LogCapture.start();
        FireflyAuth auth = FireflyAuth.builder().settings(s.build()).tokenStore(spec).build()) {
      AccessToken token = auth.token(); // never throws: that is the point
      assertTrue(ims.isValidToken(token.value().reveal()), "a token the emulator issued");
      List<TraceEntry> trace = auth.explain();
      TraceEntry store = trace.stream().filter(e -> e.stage() == TraceEntry.Stage.STORE).findFirst().orElseThrow();
      String all = logs.text() + "\n" + trace;
      for (String secretText : secrets) {
        assertFalse(all.contains(secretText), "a secret in the logs or trace: " + all);
      }
      assertFalse(all.contains(token.value().reveal()), "the token in the logs or trace: " + all);
      List<String> warnings = logs.lines().stream().filter(l -> l.startsWith("WARNING")).toList();
      return new Member(token.value().reveal(), token.fromStore(), warnings, store);
    }
  }
}

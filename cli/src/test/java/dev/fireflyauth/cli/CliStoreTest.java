package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI's token store, in-process: the default file store, --no-store, none, and the cache verbs. */
class CliStoreTest {
  private static ImsEmulator ims;
  private static RegisteredClient client;

  @BeforeAll
  static void start() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
  }

  @AfterAll
  static void stop() {
    ims.close();
  }

  private static CliRun run(Map<String, String> env, String... args) {
    CliRun r = CliRun.run(env, args);
    return r.assertStderrFreeOf(List.of(client.clientSecret()));
  }

  @Test
  void theSecondRunIsServedFromTheDefaultFileStore() {
    Map<String, String> env = CliFixtures.env(ims, client);
    int before = ims.requestCount(client.clientId());
    Map<?, ?> first = CliFixtures.json(run(env, "token", "--json").out);
    Map<?, ?> second = CliFixtures.json(run(env, "token", "--json").out);
    assertEquals(Boolean.FALSE, first.get("from_store"));
    assertEquals(Boolean.TRUE, second.get("from_store"));
    assertEquals(first.get("token"), second.get("token"));
    assertEquals("token store file " + Path.of(env.get("XDG_CACHE_HOME"), "firefly-auth"), second.get("origin"));
    assertEquals(before + 1, ims.requestCount(client.clientId()));
  }

  @Test
  void noStoreAndNoneSkipTheStore() {
    Map<String, String> env = CliFixtures.env(ims, client);
    run(env, "token");
    int before = ims.requestCount(client.clientId());
    assertEquals(Boolean.FALSE, CliFixtures.json(run(env, "token", "--json", "--no-store").out).get("from_store"));
    CliRun headers = run(env, "headers", "--no-store");
    assertEquals(0, headers.exit, headers::toString);
    env.put("FIREFLY_TOKEN_STORE", "none");
    assertEquals(Boolean.FALSE, CliFixtures.json(run(env, "token", "--json").out).get("from_store"));
    assertEquals(before + 3, ims.requestCount(client.clientId()));
    CliRun list = run(env, "cache", "list");
    assertEquals("no token store is configured (FIREFLY_TOKEN_STORE=none)\n", list.out);
  }

  @Test
  void cacheListShowsEntriesWithoutTokensAndClearEmptiesTheStore() {
    Map<String, String> env = CliFixtures.env(ims, client);
    String token = run(env, "token").out.strip();
    CliRun list = run(env, "cache", "list");
    assertEquals(0, list.exit, list::toString);
    String dir = Path.of(env.get("XDG_CACHE_HOME"), "firefly-auth").toString();
    assertTrue(list.out.startsWith("store: file " + dir + "\n"), list::toString);
    assertTrue(list.out.contains("client ********" + client.clientId().substring(client.clientId().length() - 4)),
        list::toString);
    assertTrue(list.out.contains("scopes openid,AdobeID"), list::toString);
    assertTrue(list.out.endsWith("1 token\n"), list::toString);
    assertFalse(list.out.contains(token));
    assertFalse(list.out.contains(client.clientId()));
    CliRun clear = run(env, "cache", "clear");
    assertEquals("removed 1 token from file " + dir + "\n", clear.out);
    assertTrue(run(env, "cache", "list").out.endsWith("0 tokens\n"));
  }

  @Test
  void anUnusableStoreIsOneWarningAndTheTokenStillComes() throws Exception {
    Map<String, String> env = CliFixtures.env(ims, client);
    Path file = Files.writeString(Path.of(env.get("XDG_CACHE_HOME")).resolve("not-a-dir"), "x");
    env.put("XDG_CACHE_HOME", file.toString());
    CliRun r = run(env, "token");
    assertEquals(0, r.exit, r::toString);
    assertTrue(ims.isValidToken(r.out.strip()), r::toString);
    assertEquals(1, r.err.lines().count(), r::toString);
    assertTrue(r.err.startsWith("warning: token store file " + file + "/firefly-auth"), r::toString);
    CliRun list = run(env, "cache", "list");
    assertEquals(5, list.exit, list::toString);
    CliRun sources = run(env, "sources");
    assertEquals(0, sources.exit, "the store's state never changes the exit code: " + sources);
    assertTrue(sources.out.lines().anyMatch(l -> l.matches("store +file +unavailable .*")), sources::toString);
  }

  @Test
  void cacheWithoutAVerbIsAUsageError() {
    CliRun r = run(CliFixtures.env(ims, client), "cache");
    assertEquals(2, r.exit, r::toString);
    assertTrue(r.err.contains("cache needs a verb: list or clear"), r::toString);
  }
}

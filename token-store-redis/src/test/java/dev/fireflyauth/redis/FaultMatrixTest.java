package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.ImsEmulatorExtension;
import dev.fireflyauth.testkit.RegisteredClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis trouble never fails a call: each fault gives a token the emulator issued, exactly one warning, and the
 * store works again once the fault is gone. Each {@link FireflyAuth} here stands for one process (its own
 * memory cache and Redis connection); {@code ImsEmulator.requestCount} counts the exchanges.
 */
@Timeout(60)
class FaultMatrixTest {
  private static final String REDIS_PASSWORD = "redis-Pa55-" + "x9Qw7";
  private static final String WRONG_PASSWORD = "wrong-Pa55-" + "k3Vb2";

  @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();
  @RegisterExtension static RedisServerExtension open = new RedisServerExtension();
  @RegisterExtension static RedisServerExtension secured = RedisServerExtension.withPassword(REDIS_PASSWORD);

  private ImsEmulator emulator;
  private RegisteredClient client;

  @BeforeEach
  void newClient() {
    emulator = ims.emulator();
    client = emulator.registerClient();
  }

  private Member run(String spec, String secret, Map<String, String> extra) {
    return Member.run(emulator, client, spec, secret, extra, List.of(client.clientSecret(), REDIS_PASSWORD,
        WRONG_PASSWORD));
  }

  private Member run(String spec) {
    return run(spec, client.clientSecret(), Map.of());
  }

  private static void assertOneWarning(Member r, String about) {
    assertEquals(1, r.warnings().size(), "exactly one warning: " + r.warnings());
    assertTrue(r.warnings().get(0).contains(about), r.warnings().get(0));
  }

  private int exchanges() {
    return emulator.requestCount(client.clientId());
  }

  @Test
  void redisAbsent() {
    String spec = "redis://127.0.0.1:" + RedisServer.freePort();
    Member a = run(spec);
    Member b = run(spec);
    assertOneWarning(a, "token store redis " + spec + "/0 cannot be used (redis " + spec + "/0: cannot connect (");
    assertOneWarning(b, "cannot connect (");
    assertEquals(2, exchanges(), "each process exchanges on its own");
    assertEquals(TraceEntry.Outcome.UNAVAILABLE, a.store().outcome());
    assertTrue(a.store().reason().endsWith("; tokens are exchanged without it"), a.store().reason());
  }

  @Test
  void sharedWhenRedisIsHealthy() {
    Member a = run(open.server().uri());
    Member b = run(open.server().uri());
    assertEquals(List.of(), a.warnings());
    assertEquals(List.of(), b.warnings());
    assertFalse(a.fromStore());
    assertTrue(b.fromStore());
    assertEquals(a.token(), b.token());
    assertEquals(1, exchanges());
    assertEquals(TraceEntry.Outcome.USED, b.store().outcome());
    assertEquals("shares tokens with other processes: redis " + open.server().uri() + "/0", b.store().reason());
  }

  @Test
  void redisKilledMidRunAndBack() {
    RedisServer redis = open.server();
    run(redis.uri());
    assertTrue(run(redis.uri()).fromStore());
    redis.kill();
    assertOneWarning(run(redis.uri()), "cannot connect (");
    assertEquals(2, exchanges());
    redis.restart(); // empty: nothing is persisted
    Member refill = run(redis.uri());
    assertEquals(List.of(), refill.warnings());
    Member served = run(redis.uri());
    assertTrue(served.fromStore());
    assertEquals(3, exchanges());
  }

  @Test
  void redisFrozenBySigstop() {
    RedisServer redis = open.server();
    Member first = run(redis.uri());
    redis.pause();
    Member frozen = run(redis.uri());
    // A new process meets the frozen Redis while connecting: TCP is accepted, the handshake never answered.
    assertOneWarning(frozen, ": no connection within 1000 ms (FIREFLY_REDIS_CONNECT_TIMEOUT))");
    assertEquals(2, exchanges());
    redis.resume();
    Member after = run(redis.uri());
    assertEquals(List.of(), after.warnings());
    assertTrue(after.fromStore());
    assertEquals(first.token(), after.token());
    assertEquals(2, exchanges());
  }

  @Test
  void wrongMissingAndRightPassword() {
    RedisServer redis = secured.server();
    String where = "127.0.0.1:" + redis.port() + "/0";
    assertOneWarning(run(redis.uri(), client.clientSecret(), Map.of("FIREFLY_REDIS_PASSWORD", WRONG_PASSWORD)),
        "Redis refused the credentials (WRONGPASS");
    assertOneWarning(run(redis.uri(), client.clientSecret(), Map.of("FIREFLY_REDIS_PASSWORD", WRONG_PASSWORD)),
        "; check setting FIREFLY_REDIS_PASSWORD)");
    Member inUri = run("redis://:" + WRONG_PASSWORD + "@" + where);
    assertOneWarning(inUri, "token store redis redis://***@" + where + " cannot be used");
    assertEquals(TraceEntry.Outcome.UNAVAILABLE, inUri.store().outcome(), "explain() says why");
    assertTrue(inUri.store().reason().startsWith("redis redis://***@" + where + ": Redis refused the credentials"
        + " (WRONGPASS"), inUri.store().reason());
    assertOneWarning(run(redis.uri()), "Redis requires a password (NOAUTH");
    assertEquals(4, exchanges());

    Member right = run(redis.uri(), client.clientSecret(), Map.of("FIREFLY_REDIS_PASSWORD", REDIS_PASSWORD));
    assertEquals(List.of(), right.warnings());
    Member rightInUri = run("redis://default:" + REDIS_PASSWORD + "@" + where);
    assertEquals(List.of(), rightInUri.warnings());
    assertTrue(rightInUri.fromStore());
    assertEquals("shares tokens with other processes: redis redis://***@" + where, rightInUri.store().reason());
    assertEquals(5, exchanges());
  }

  @Test
  void redisOutOfMemory() {
    RedisServer redis = open.server();
    redis.admin().call("CONFIG", "SET", "maxmemory", "1");
    Member full = run(redis.uri());
    assertOneWarning(full, "Redis is out of memory and refuses writes (OOM");
    redis.admin().call("CONFIG", "SET", "maxmemory", "0");
    run(redis.uri());
    assertTrue(run(redis.uri()).fromStore());
    assertEquals(2, exchanges());
  }

  @Test
  void aValueSealedForAnotherSecretIsNotServedAndIsReplaced() {
    RedisServer redis = open.server();
    run(redis.uri());
    client = emulator.rotateSecret(client.clientId(), false); // the entry is sealed under the old secret
    Member other = run(redis.uri());
    assertOneWarning(other, "it does not open with these credentials (tampered, truncated, or sealed under another"
        + " client secret); it will be replaced");
    assertFalse(other.fromStore());
    assertTrue(run(redis.uri()).fromStore(), "replaced by an entry the new secret opens");
    assertEquals(2, exchanges());
  }

  @Test
  void valuesOfAnotherProgramAreIgnoredAndReplaced() {
    RedisServer redis = open.server();
    run(redis.uri());
    String key = onlyEntryKey(redis);
    byte[] junk = new byte[200];
    new SecureRandom().nextBytes(junk);
    redis.admin().call("SET", key, junk);
    assertOneWarning(run(redis.uri()), "it is not a Firefly Auth token entry; it will be replaced");
    assertTrue(run(redis.uri()).fromStore());

    redis.admin().call("DEL", key);
    redis.admin().call("HSET", key, "field", "value");
    assertOneWarning(run(redis.uri()), "Redis refused the command (WRONGTYPE");
    assertEquals(3, exchanges());
  }

  @Test
  void aTamperedValueIsNotServedAndIsReplaced() {
    RedisServer redis = open.server();
    Member first = run(redis.uri());
    String key = onlyEntryKey(redis);
    byte[] sealed = redis.admin().get(key);
    sealed[sealed.length - 3] ^= 0x01;
    redis.admin().call("SET", key, sealed, "KEEPTTL");
    Member tampered = run(redis.uri());
    assertOneWarning(tampered, "it does not open with these credentials (tampered");
    assertFalse(tampered.token().equals(first.token()));
    assertTrue(run(redis.uri()).fromStore());
    assertEquals(2, exchanges());
  }

  @Test
  void redisNeverHoldsATokenSecretOrClientIdInPlaintext() {
    RedisServer redis = secured.server();
    Map<String, String> auth = Map.of("FIREFLY_REDIS_PASSWORD", REDIS_PASSWORD);
    List<String> tokens = new ArrayList<>();
    tokens.add(run(redis.uri(), client.clientSecret(), auth).token());
    tokens.add(run(redis.uri(), client.clientSecret(), auth).token());
    List<String> keys = redis.admin().keys();
    assertEquals(1, keys.size(), "one entry; the lock is gone: " + keys);
    for (String key : keys) {
      assertTrue(key.matches("firefly-auth:v1:[0-9a-f]{64}"), key);
      byte[] value = redis.admin().get(key);
      byte[] dump = (byte[]) redis.admin().call("DUMP", key);
      for (byte[] raw : List.of(key.getBytes(StandardCharsets.UTF_8), value, dump)) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        for (String plain : List.of(tokens.get(0), client.clientSecret(), client.clientId(), REDIS_PASSWORD)) {
          assertFalse(text.contains(plain), "plaintext in Redis under " + key);
        }
      }
      long ttl = (Long) redis.admin().call("PTTL", key);
      assertTrue(ttl > 0 && ttl <= ImsEmulator.DEFAULT_EXPIRES_IN.toMillis(), "expires with the token: " + ttl);
    }
  }

  private static String onlyEntryKey(RedisServer redis) {
    List<String> keys = redis.admin().keys();
    assertEquals(1, keys.size(), keys.toString());
    return keys.get(0);
  }
}

package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.ImsEmulatorExtension;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of real JVM processes sharing one real Redis: each has its own {@code HOME} and
 * {@code XDG_CACHE_HOME} (no file store is shared), {@code FIREFLY_TOKEN_STORE=redis://…}, and the one IMS
 * emulator of this test, and prints the token it got ({@link FleetMember}).
 */
@Timeout(180)
class FleetIT {
  @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();
  @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();
  @RegisterExtension static RedisServerExtension tlsRedis = RedisServerExtension.withTls();

  @TempDir Path tmp;
  private ImsEmulator emulator;
  private RegisteredClient client;

  @BeforeEach
  void newClient() {
    emulator = ims.emulator();
    client = emulator.registerClient();
  }

  /** A started member process and where its output goes. */
  record Child(Process process, Path out, Path err) {
    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8).trim();
    }

    String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits for it to end; its exit code. */
    int exit() throws InterruptedException {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "member " + process.pid() + " did not finish");
      return process.exitValue();
    }
  }

  private Child start(String name) throws IOException {
    return start(name, redis.server().uri(), List.of(), Map.of());
  }

  private Child start(String name, String store, List<String> jvmOptions) throws IOException {
    return start(name, store, jvmOptions, Map.of());
  }

  private Child start(String name, String store, List<String> jvmOptions, Map<String, String> extraEnv)
      throws IOException {
    Path home = Files.createDirectories(tmp.resolve(name).resolve("home"));
    Path cache = Files.createDirectories(tmp.resolve(name).resolve("cache"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
        "-Duser.home=" + home));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", cp, FleetMember.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("FIREFLY_"));
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", cache.toString());
    env.put("FIREFLY_TOKEN_STORE", store);
    env.put("FIREFLY_IMS_URL", emulator.tokenUrl().toString());
    env.put("FIREFLY_SERVICES_CLIENT_ID", client.clientId());
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", client.clientSecret());
    env.putAll(extraEnv);
    Path out = tmp.resolve(name + ".out");
    Path err = tmp.resolve(name + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new Child(pb.start(), out, err);
  }

  private static long warnings(String stderr) {
    return stderr.lines().filter(l -> l.startsWith("WARNING") || l.startsWith("SEVERE")).count();
  }

  private void assertGotAValidToken(Child m, String name) throws Exception {
    assertGotAValidToken(m, name, 0);
  }

  private void assertGotAValidToken(Child m, String name, int warnings) throws Exception {
    assertEquals(0, m.exit(), name + " failed: " + m.stderr());
    String token = m.stdout();
    assertTrue(emulator.isValidToken(token), name + " printed a token the emulator issued");
    assertEquals(warnings, warnings(m.stderr()), name + " warned: " + m.stderr());
    assertFalse(m.stderr().contains(token) || m.stderr().contains(client.clientSecret()), m.stderr());
  }

  @Test
  void overTlsProcessesShareTooAndAnUntrustedCertificateCostsOneWarning() throws Exception {
    RedisServer tls = tlsRedis.server();
    String spec = "rediss://127.0.0.1:" + tls.tlsPort();
    List<String> trust = List.of("-Djavax.net.ssl.trustStore=" + tls.trustStore(),
        "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12");
    Child untrusted = start("untrusted", spec, List.of());
    assertGotAValidToken(untrusted, "untrusted", 1);
    assertTrue(untrusted.stderr().contains("WARNING: token store redis " + spec + "/0 cannot be used (redis " + spec
        + "/0: the TLS handshake failed ("), untrusted.stderr());
    Child first = start("tls-first", spec, trust);
    assertGotAValidToken(first, "tls-first");
    Child second = start("tls-second", spec, trust);
    assertGotAValidToken(second, "tls-second");
    assertEquals(first.stdout(), second.stdout(), "shared over TLS");
    assertEquals(2, emulator.requestCount(client.clientId()), "the untrusted one's exchange and one shared");
    assertEquals(1, tls.admin().keys().size(), "the entry, written over TLS");
  }

  @Test
  void eightProcessesOnAnEmptyRedisMakeOneExchange() throws Exception {
    List<Child> fleet = new ArrayList<>();
    // Eight cold JVMs on a shared 2-core machine can each stall for longer than the 250 ms command timeout (and
    // the 1 s connect timeout, which bounds the first PING); this test is about the single flight (the timeouts
    // have tests of their own), so it allows them 2 s and 5 s.
    for (int i = 0; i < 8; i++) {
      fleet.add(start("member-" + i, redis.server().uri(), List.of(),
          Map.of("FIREFLY_REDIS_TIMEOUT", "2", "FIREFLY_REDIS_CONNECT_TIMEOUT", "5")));
    }
    for (int i = 0; i < fleet.size(); i++) {
      assertGotAValidToken(fleet.get(i), "member-" + i);
    }
    Set<String> tokens = new java.util.HashSet<>();
    for (Child m : fleet) {
      tokens.add(m.stdout());
    }
    assertEquals(1, tokens.size(), "all eight share one token");
    assertEquals(1, emulator.requestCount(client.clientId()), "exactly one IMS exchange for the fleet");
    assertNothingReadableInRedis(tokens.iterator().next());
  }

  @Test
  void aLockHolderKilledWithSigkillMidExchangeDelaysTheOthersOnlyByTheLease() throws Exception {
    emulator.faults().next().delay(Duration.ofSeconds(90)); // the holder's exchange hangs
    Child holder = start("holder");
    RedisAdmin admin = redis.server().admin();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (emulator.requestCount(client.clientId()) == 0
        || admin.keys().stream().noneMatch(k -> k.endsWith(":lock"))) {
      assertTrue(System.nanoTime() < deadline, "the holder never took the lock: " + holder.stderr());
      assertTrue(holder.process().isAlive(), "the holder ended early: " + holder.stderr());
      Thread.sleep(20);
    }
    new ProcessBuilder("kill", "-KILL", Long.toString(holder.process().pid())).start().waitFor();
    assertTrue(holder.process().waitFor(10, TimeUnit.SECONDS));

    List<Child> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(start("after-" + i));
    }
    for (int i = 0; i < others.size(); i++) {
      assertGotAValidToken(others.get(i), "after-" + i);
    }
    Set<String> tokens = new java.util.HashSet<>();
    for (Child m : others) {
      tokens.add(m.stdout());
    }
    assertEquals(1, tokens.size(), "the three still share one token");
    assertEquals(2, emulator.requestCount(client.clientId()), "the dead holder's exchange and one more");
    assertNothingReadableInRedis(tokens.iterator().next());
  }

  /** Every key and value in Redis: only our entry, and no token, client secret or client ID in plaintext. */
  private void assertNothingReadableInRedis(String token) {
    RedisAdmin admin = redis.server().admin();
    List<String> keys = admin.keys();
    assertEquals(1, keys.size(), "one entry, no lock left: " + keys);
    for (String key : keys) {
      assertTrue(key.matches("firefly-auth:v1:[0-9a-f]{64}"), key);
      String value = new String(admin.get(key), StandardCharsets.ISO_8859_1);
      String dump = new String((byte[]) admin.call("DUMP", key), StandardCharsets.ISO_8859_1);
      for (String plain : List.of(token, client.clientSecret(), client.clientId())) {
        assertFalse(key.contains(plain) || value.contains(plain) || dump.contains(plain),
            "plaintext under " + key);
      }
    }
    assertEquals(Set.of(), keys.stream().filter(k -> k.endsWith(":lock")).collect(Collectors.toSet()));
  }
}

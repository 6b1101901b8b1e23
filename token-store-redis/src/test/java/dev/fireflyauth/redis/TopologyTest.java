package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.ImsEmulatorExtension;
import dev.fireflyauth.testkit.RegisteredClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Sentinel and Cluster forms against real servers: a Sentinel watching a master, and a one-node Redis
 * Cluster that owns every slot. Two library "processes" share one token through each.
 */
@Timeout(60)
class TopologyTest {
  private static final String KEY = "firefly-auth:v1:" + "ef".repeat(32);

  @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();
  @RegisterExtension static RedisServerExtension master = new RedisServerExtension();
  @RegisterExtension static RedisServerExtension clusterNode =
      RedisServerExtension.withArguments("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-announce-ip", "127.0.0.1"); // alone, a node would announce no address
  private static RedisServer sentinel;

  private ImsEmulator emulator;
  private RegisteredClient client;

  @BeforeAll
  static void topology() throws InterruptedException {
    sentinel = RedisServer.sentinel(RedisServerExtension.requireBinary(), master.server().port(), "mymaster");
    RedisAdmin node = clusterNode.server().admin();
    node.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!RedisAdmin.text(node.call("CLUSTER", "INFO")).contains("cluster_state:ok")) {
      assertTrue(System.nanoTime() < deadline, "the one-node cluster never became ok");
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stopSentinel() {
    if (sentinel != null) {
      sentinel.close();
    }
  }

  @BeforeEach
  void newClient() {
    emulator = ims.emulator();
    client = emulator.registerClient();
  }

  private Member run(String spec) {
    return Member.run(emulator, client, spec, client.clientSecret(), Map.of(), List.of(client.clientSecret()));
  }

  @Test
  void throughSentinelTheMasterHoldsTheSharedEntry() {
    String spec = "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0?sentinelMasterId=mymaster";
    Member a = run(spec);
    Member b = run(spec);
    assertEquals(List.of(), a.warnings());
    assertEquals(List.of(), b.warnings());
    assertTrue(b.fromStore());
    assertEquals(1, emulator.requestCount(client.clientId()));
    assertEquals(1, master.server().admin().keys().size(), "the entry is on the master Sentinel named");
    assertEquals("shares tokens with other processes: redis " + spec, b.store().reason());
  }

  @Test
  void anUnknownSentinelMasterIsOneWarning() {
    String spec = "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0?sentinelMasterId=nosuchmaster";
    Member a = run(spec);
    assertEquals(1, a.warnings().size(), a.warnings().toString());
    assertTrue(a.warnings().get(0).contains("token store redis " + spec + " cannot be used (redis " + spec + ": "),
        a.warnings().get(0));
    assertFalse(a.fromStore());
  }

  @Test
  void throughAClusterTwoProcessesShareOneToken() throws Exception {
    String spec = "redis-cluster://127.0.0.1:" + clusterNode.server().port();
    Member a = run(spec);
    Member b = run(spec);
    assertEquals(List.of(), a.warnings());
    assertEquals(List.of(), b.warnings());
    assertTrue(b.fromStore());
    assertEquals(a.token(), b.token());
    assertEquals(1, emulator.requestCount(client.clientId()));
    assertEquals("shares tokens with other processes: redis " + spec, b.store().reason());

    try (TokenStore store = Stores.open(spec)) {
      store.write(KEY, new byte[] {1, 2, 3}, Instant.now().plusSeconds(60));
      assertTrue(store.entries().containsKey(KEY), "SCAN across the cluster");
      try (TokenStore.Lock l = store.lock(KEY, Duration.ofSeconds(5)).orElseThrow()) {
        assertTrue(store.lock(KEY, Duration.ofMillis(200)).isEmpty(), "the lock is exclusive on a cluster too");
      }
      store.delete(KEY, new byte[] {1, 2, 3});
      assertFalse(store.entries().containsKey(KEY));
    }
  }
}

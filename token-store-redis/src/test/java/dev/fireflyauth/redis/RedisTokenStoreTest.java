package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's contract against a real redis-server: values, expiry, compare-and-delete, the lock, faults. */
@ExtendWith(RedisServerExtension.class)
class RedisTokenStoreTest {
  private static final String KEY = "firefly-auth:v1:" + "ab".repeat(32);
  private static final String OTHER = "firefly-auth:v1:" + "cd".repeat(32);
  private final RedisServer redis;

  RedisTokenStoreTest(RedisServer redis) {
    this.redis = redis;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void valuesAreOpaqueBytesThatExpireWithTheToken() {
    byte[] value = {0, 1, 2, (byte) 0xff, '\r', '\n'};
    try (TokenStore store = Stores.open(redis.uri())) {
      assertEquals(Optional.empty(), store.read(KEY));
      store.write(KEY, value, Instant.now().plusSeconds(60));
      assertArrayEquals(value, store.read(KEY).orElseThrow());
      long pttl = (Long) redis.admin().call("PTTL", KEY);
      assertTrue(pttl > 50_000 && pttl <= 60_000, "Redis TTL follows the token's expiry: " + pttl);

      store.write(OTHER, value, Instant.now().minusSeconds(1));
      assertEquals(0L, redis.admin().call("EXISTS", OTHER), "an expired token is not written");
    }
  }

  @Test
  void deleteWithAnExpectedValueIsACompareAndDelete() {
    try (TokenStore store = Stores.open(redis.uri())) {
      store.write(KEY, b("new"), Instant.now().plusSeconds(60));
      store.delete(KEY, b("old"));
      assertArrayEquals(b("new"), store.read(KEY).orElseThrow(), "a value that changed is kept");
      store.delete(KEY, b("new"));
      assertEquals(Optional.empty(), store.read(KEY));
      store.write(KEY, b("any"), Instant.now().plusSeconds(60));
      store.delete(KEY, null);
      assertEquals(Optional.empty(), store.read(KEY));
    }
  }

  @Test
  void theLockIsExclusiveAcrossClientsAndItsLeaseIsBoundedByMaxWait() throws Exception {
    try (TokenStore a = Stores.open(redis.uri()); TokenStore b = Stores.open(redis.uri())) {
      TokenStore.Lock held = a.lock(KEY, Duration.ofSeconds(30)).orElseThrow();
      long pttl = (Long) redis.admin().call("PTTL", KEY + ":lock");
      assertTrue(pttl > 0 && pttl <= RedisConfig.DEFAULT_LOCK_LEASE.toMillis(), "lease: " + pttl);
      byte[] owner = redis.admin().get(KEY + ":lock");
      assertEquals(32, owner.length, "a random owner value");

      assertEquals(Optional.empty(), b.lock(KEY, Duration.ofMillis(300)), "busy: empty after maxWait");
      held.close();
      held.close(); // idempotent
      assertEquals(0L, redis.admin().call("EXISTS", KEY + ":lock"), "released");

      try (TokenStore.Lock second = b.lock(KEY, Duration.ofMillis(700)).orElseThrow()) {
        long short_ = (Long) redis.admin().call("PTTL", KEY + ":lock");
        assertTrue(short_ > 0 && short_ <= 700, "the lease never exceeds maxWait: " + short_);
        assertNotNull(second);
      }
    }
  }

  @Test
  void aWaiterGetsTheLockAsSoonAsTheHolderReleasesIt() throws Exception {
    try (TokenStore a = Stores.open(redis.uri()); TokenStore b = Stores.open(redis.uri())) {
      TokenStore.Lock held = a.lock(KEY, Duration.ofSeconds(30)).orElseThrow();
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        held.close();
      });
      releaser.start();
      try (TokenStore.Lock got = b.lock(KEY, Duration.ofSeconds(20)).orElseThrow()) {
        assertNotNull(got);
      }
      releaser.join();
    }
  }

  @Test
  void releasingNeverRemovesALockAnotherProcessTookAfterTheLeaseRanOut() throws Exception {
    try (TokenStore a = Stores.open(redis.uri()); TokenStore b = Stores.open(redis.uri())) {
      TokenStore.Lock stale = a.lock(KEY, Duration.ofMillis(200)).orElseThrow();
      TokenStore.Lock fresh = b.lock(KEY, Duration.ofSeconds(5)).orElseThrow(); // waits out the 200 ms lease
      byte[] owner = redis.admin().get(KEY + ":lock");
      stale.close();
      assertArrayEquals(owner, redis.admin().get(KEY + ":lock"), "the other process's lock stays");
      fresh.close();
      assertEquals(0L, redis.admin().call("EXISTS", KEY + ":lock"));
    }
  }

  @Test
  void aLiveHolderRenewsItsLeaseButNeverBeyondMaxWait() throws Exception {
    // A 1 s lease renewed every third of it: held 2.5 s, it outlives two leases only by renewal, and a
    // renewal would have to be late by more than 600 ms (a loaded CI machine) to break the test.
    Map<String, String> shortLease = Map.of(RedisTokenStoreFactory.LOCK_LEASE.env(), "1");
    try (TokenStore a = Stores.open(redis.uri(), shortLease)) {
      try (TokenStore.Lock held = a.lock(KEY, Duration.ofSeconds(10)).orElseThrow()) {
        Thread.sleep(2500);
        assertEquals(1L, redis.admin().call("EXISTS", KEY + ":lock"), "renewed while held");
        assertNotNull(held);
      }
      assertEquals(0L, redis.admin().call("EXISTS", KEY + ":lock"));

      TokenStore.Lock forgotten = a.lock(OTHER, Duration.ofMillis(1500)).orElseThrow();
      Thread.sleep(2500);
      assertEquals(0L, redis.admin().call("EXISTS", OTHER + ":lock"), "not renewed past maxWait");
      forgotten.close();
    }
  }

  @Test
  void closingTheStoreReleasesTheLocksItStillHolds() throws Exception {
    TokenStore a = Stores.open(redis.uri());
    a.lock(KEY, Duration.ofSeconds(30)).orElseThrow(); // never closed by its user
    a.close();
    assertEquals(0L, redis.admin().call("EXISTS", KEY + ":lock"), "not left for its lease");
  }

  @Test
  void entriesListsTheLibrarysKeysOnly() {
    try (TokenStore store = Stores.open(redis.uri())) {
      store.write(KEY, b("one"), Instant.now().plusSeconds(60));
      store.write(OTHER, b("two"), Instant.now().plusSeconds(60));
      redis.admin().call("SET", KEY + ":lock", "owner");
      redis.admin().call("SET", "someone-else:key", "value");
      Map<String, byte[]> entries = store.entries();
      assertEquals(Set.of(KEY, OTHER), entries.keySet());
      assertArrayEquals(b("two"), entries.get(OTHER));
    }
  }

  @Test
  void aForeignValueFailsAsAStoreProblemWithoutQuotingIt() {
    try (TokenStore store = Stores.open(redis.uri())) {
      redis.admin().call("SET", KEY, new byte[RedisTokenStore.MAX_VALUE_BYTES + 1]);
      TokenStoreException big = assertThrows(TokenStoreException.class, () -> store.read(KEY));
      assertEquals("redis redis://127.0.0.1:" + redis.port() + "/0: the value under " + KEY + " has 65537 bytes,"
          + " more than a token entry can have", big.getMessage());

      redis.admin().call("DEL", KEY);
      redis.admin().call("HSET", KEY, "field", "value");
      TokenStoreException type = assertThrows(TokenStoreException.class, () -> store.read(KEY));
      assertTrue(type.getMessage().contains("Redis refused the command (WRONGTYPE"), type.getMessage());
      store.write(KEY, b("ours"), Instant.now().plusSeconds(60));
      assertArrayEquals(b("ours"), store.read(KEY).orElseThrow(), "a write replaces it");
    }
  }

  @Test
  void outOfMemoryFailsWritesButNotReads() {
    try (TokenStore store = Stores.open(redis.uri())) {
      store.write(KEY, b("kept"), Instant.now().plusSeconds(60));
      redis.admin().call("CONFIG", "SET", "maxmemory", "1");
      TokenStoreException e = assertThrows(TokenStoreException.class,
          () -> store.write(OTHER, b("v"), Instant.now().plusSeconds(60)));
      assertTrue(e.getMessage().contains("Redis is out of memory and refuses writes (OOM"), e.getMessage());
      assertThrows(TokenStoreException.class, () -> store.lock(OTHER, Duration.ofSeconds(1)));
      assertArrayEquals(b("kept"), store.read(KEY).orElseThrow(), "an error reply does not pause the store");
    }
  }

  @Test
  void aMasterDemotedToReplicaIsLeftForANewConnection() throws Exception {
    try (TokenStore store = Stores.open(redis.uri())) {
      store.write(KEY, b("v"), Instant.now().plusSeconds(60));
      redis.admin().call("REPLICAOF", "127.0.0.1", Integer.toString(RedisServer.freePort())); // as a failover does
      TokenStoreException e = assertThrows(TokenStoreException.class,
          () -> store.write(KEY, b("w"), Instant.now().plusSeconds(60)));
      assertTrue(e.getMessage().contains(": the server is a read-only replica now (READONLY"), e.getMessage());
      redis.admin().call("REPLICAOF", "NO", "ONE");
      Thread.sleep(LettuceSession.PAUSE.toMillis() + 100);
      store.write(KEY, b("w"), Instant.now().plusSeconds(60));
      assertArrayEquals(b("w"), store.read(KEY).orElseThrow());
    }
  }

  @Test
  void aKilledRedisFailsFastAndTheStoreReconnectsWhenItIsBack() throws Exception {
    try (TokenStore store = Stores.open(redis.uri())) {
      store.write(KEY, b("v"), Instant.now().plusSeconds(60));
      assertEquals(Optional.empty(), store.problem());
      redis.kill();
      TokenStoreException down = assertThrows(TokenStoreException.class, () -> store.read(KEY));
      // The read may go out before the client has seen the kill (the connection drops under it) or after it
      // (the next connect is refused); both name the connection, and nothing else is acceptable.
      String where = "redis redis://127.0.0.1:" + redis.port() + "/0: ";
      assertTrue(down.getMessage().startsWith(where + "cannot connect (")
          || down.getMessage().startsWith(where + "the connection was lost ("), down.getMessage());
      TokenStoreException again = assertThrows(TokenStoreException.class, () -> store.write(KEY, b("v"),
          Instant.now().plusSeconds(60)));
      assertEquals(down.getMessage(), again.getMessage(), "fails fast with the same reason");
      assertTrue(store.problem().orElseThrow().contains("cannot connect"));

      redis.restart();
      Thread.sleep(LettuceSession.PAUSE.toMillis() + 100);
      assertEquals(Optional.empty(), store.read(KEY), "connected again (the restarted Redis is empty)");
      store.write(KEY, b("w"), Instant.now().plusSeconds(60));
      assertArrayEquals(b("w"), store.read(KEY).orElseThrow());
    }
  }

  @Test
  void aCommandInFlightWhenRedisDiesSaysTheConnectionWasLost() throws Exception {
    try (TokenStore store = Stores.open(redis.uri(), Map.of(RedisTokenStoreFactory.TIMEOUT.env(), "PT30S"))) {
      store.write(KEY, b("v"), Instant.now().plusSeconds(60)); // connected
      redis.pause(); // the read below is sent and waits for a reply that never comes
      java.util.concurrent.CompletableFuture<Throwable> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          store.read(KEY);
          return null;
        } catch (TokenStoreException e) {
          return e;
        }
      });
      Thread.sleep(300);
      assertFalse(read.isDone(), "the read waits for Redis");
      redis.kill();
      Throwable lost = read.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertNotNull(lost, "the read must fail");
      assertTrue(lost.getMessage().startsWith("redis redis://127.0.0.1:" + redis.port() + "/0: the connection was lost ("),
          lost.getMessage());
    }
  }

  @Test
  void aFrozenRedisTimesOutAndTheSameConnectionWorksAfterItResumes() throws Exception {
    try (TokenStore store = Stores.open(redis.uri())) {
      store.write(KEY, b("v"), Instant.now().plusSeconds(60));
      redis.pause();
      TokenStoreException slow = assertThrows(TokenStoreException.class, () -> store.read(KEY));
      assertTrue(slow.getMessage().endsWith(": no reply within 250 ms (FIREFLY_REDIS_TIMEOUT)"), slow.getMessage());
      assertThrows(TokenStoreException.class, () -> store.lock(KEY, Duration.ofSeconds(10)));
      redis.resume();
      Thread.sleep(LettuceSession.PAUSE.toMillis() + 100);
      assertArrayEquals(b("v"), store.read(KEY).orElseThrow());
    }
  }

  @Test
  void aLockWhoseReplyTimedOutIsReleasedOnceRedisAnswersAgain() throws Exception {
    try (TokenStore store = Stores.open(redis.uri()); TokenStore other = Stores.open(redis.uri())) {
      assertEquals(Optional.empty(), store.read(KEY)); // connected
      redis.pause();
      assertThrows(TokenStoreException.class, () -> store.lock(KEY, Duration.ofSeconds(30)));
      redis.resume();
      // The SET NX ran after SIGCONT; the release queued behind it removed it at once, not after the lease.
      try (TokenStore.Lock l = other.lock(KEY, Duration.ofMillis(1000)).orElseThrow()) {
        assertNotNull(l);
      }
    }
  }

  @Test
  void closeEndsEveryClientThreadAndLaterCallsFail() throws Exception {
    assertEquals(Set.of(), Stores.clientThreadsAfterClose(), "no client threads left by earlier tests");
    TokenStore store = Stores.open(redis.uri());
    assertEquals(Set.of(), Stores.clientThreads(), "opening starts nothing");
    store.write(KEY, b("v"), Instant.now().plusSeconds(60));
    try (TokenStore.Lock l = store.lock(KEY, Duration.ofSeconds(10)).orElseThrow()) {
      assertFalse(Stores.clientThreads().isEmpty(), "the client runs now: " + Stores.threads());
    }
    store.close();
    store.close();
    assertEquals(Set.of(), Stores.clientThreadsAfterClose());
    TokenStoreException e = assertThrows(TokenStoreException.class, () -> store.read(KEY));
    assertTrue(e.getMessage().endsWith(": the store is closed"), e.getMessage());
  }
}

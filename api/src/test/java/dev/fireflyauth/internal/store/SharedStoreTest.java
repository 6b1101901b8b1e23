package dev.fireflyauth.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.cache.TokenCache;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import dev.fireflyauth.store.StoredEntry;
import dev.fireflyauth.store.TokenStores;
import dev.fireflyauth.testing.LogCapture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code FireflyAuth} instances (two "processes") sharing a file store: one exchange; and every way the
 * store can be wrong falling back to a plain exchange with one warning.
 */
@Timeout(30)
class SharedStoreTest {
  private static final URI ISSUER = URI.create("https://ims.example.test/ims/token/v3");
  private static final String SECRET = "store-test-secret-value";

  @TempDir Path tmp;
  private final AtomicInteger exchanges = new AtomicInteger();

  /** A provider wired like the IMS one, over a counting issuer on the real clock (the store is wall-clock). */
  private final TokenProviderFactory issuer = new TokenProviderFactory() {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public Optional<dev.fireflyauth.TokenProvider> create(TokenContext context) {
      TokenCache.Builder b = TokenCache.builder(() -> AccessToken.issued(
              Secret.of("shared-token-" + exchanges.incrementAndGet()), "bearer", Duration.ofHours(1), TimeSource.system())
          .withOrigin("counting"));
      context.sharedTier(ISSUER, Duration.ofSeconds(5)).ifPresent(b::sharedTier);
      return Optional.of(b.build());
    }
  };

  private FireflyAuth auth(String secret, Path dir) {
    return FireflyAuth.builder().settings(Settings.builder().build())
        .credentials(ClientCredentials.builder().clientId("store-client-1").addSecret(Secret.of(secret)).build())
        .addTokenProviderFactory(issuer)
        .tokenStore("file:" + dir)
        .build();
  }

  @Test
  void twoInstancesShareOneTokenThroughTheStore() {
    Path dir = tmp.resolve("store");
    String first;
    try (FireflyAuth a = auth(SECRET, dir)) {
      first = a.token().value().reveal();
      assertFalse(a.token().fromStore());
    }
    try (FireflyAuth b = auth(SECRET, dir)) {
      AccessToken t = b.token();
      assertEquals(first, t.value().reveal());
      assertTrue(t.fromStore());
      assertEquals(Optional.of("token store file " + dir), t.origin());
      TraceEntry store = b.explain().get(b.explain().size() - 1);
      assertEquals(TraceEntry.Stage.STORE, store.stage());
      assertEquals(TraceEntry.Outcome.USED, store.outcome());
    }
    assertEquals(1, exchanges.get());
  }

  @Test
  void aProcessWithAnotherSecretIsNotServedTheStoredToken() {
    Path dir = tmp.resolve("store");
    try (FireflyAuth a = auth(SECRET, dir)) {
      a.token();
    }
    try (LogCapture logs = LogCapture.start(); FireflyAuth wrong = auth("another-secret-value", dir)) {
      AccessToken t = wrong.token();
      assertFalse(t.fromStore());
      assertTrue(logs.text().contains("does not open with these credentials"), logs.text());
    }
    assertEquals(2, exchanges.get());
  }

  @Test
  void aTamperedEntryIsIgnoredWithOneWarningAndReplaced() throws Exception {
    Path dir = tmp.resolve("store");
    try (FireflyAuth a = auth(SECRET, dir)) {
      a.token();
    }
    Path entry = onlyEntry(dir);
    byte[] b = Files.readAllBytes(entry);
    b[b.length - 3] ^= 0x40;
    Files.write(entry, b);
    try (LogCapture logs = LogCapture.start(); FireflyAuth c = auth(SECRET, dir)) {
      assertFalse(c.token().fromStore());
      assertEquals(1, logs.lines().stream().filter(l -> l.startsWith("WARNING")).count(), logs.text());
      List<String> notes = c.explain().get(c.explain().size() - 1).notes();
      assertEquals(1, notes.size(), notes.toString());
    }
    try (FireflyAuth d = auth(SECRET, dir)) {
      assertTrue(d.token().fromStore(), "the next process finds the replacement");
    }
    assertEquals(2, exchanges.get());
  }

  @Test
  void anUnusableStoreNeverFailsACall() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    try (LogCapture logs = LogCapture.start(); FireflyAuth a = auth(SECRET, file.resolve("firefly-auth"))) {
      assertFalse(a.token().fromStore());
      assertTrue(logs.text().contains("is not a directory"), logs.text());
      TraceEntry store = a.explain().get(a.explain().size() - 1);
      assertEquals(TraceEntry.Outcome.UNAVAILABLE, store.outcome());
      assertTrue(store.reason().endsWith("tokens are exchanged without it"), store.reason());
    }
  }

  @Test
  void noTokenSecretOrClientIdLandsOnDiskAndTheEntryCanBeListedWithoutASecret() throws Exception {
    Path dir = tmp.resolve("store");
    String token;
    try (FireflyAuth a = auth(SECRET, dir)) {
      token = a.token().value().reveal();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(token), f.toString());
        assertFalse(content.contains(SECRET), f.toString());
        assertFalse(content.contains("store-client-1"), f.toString());
      }
    }
    FileTokenStore store = new FileTokenStore(dir);
    List<StoredEntry> listed = TokenStores.list(store, Instant.now());
    assertEquals(1, listed.size());
    assertEquals("********nt-1", listed.get(0).maskedClientId());
    assertEquals(List.of(), TokenStores.list(store, Instant.now().plusSeconds(7200)), "expired by then");
    assertEquals(0, new FileTokenStore(dir).entries().size(), "an expired entry is removed when listed");
  }

  @Test
  void invalidatingATokenRemovesItFromTheStore() {
    Path dir = tmp.resolve("store");
    try (FireflyAuth a = auth(SECRET, dir)) {
      AccessToken t = a.token();
      a.invalidate(t);
      assertEquals(0, new FileTokenStore(dir).entries().size(), "the rejected token left the store");
      AccessToken next = a.token();
      assertNotEquals(t.value().reveal(), next.value().reveal());
    }
    assertEquals(2, exchanges.get());
  }

  @Test
  void theFileSpecDefaultsToTheXdgCacheHome() {
    Settings s = Settings.builder().environment(Map.of("XDG_CACHE_HOME", tmp.toString())).build();
    assertEquals(Optional.of(tmp.resolve("firefly-auth")), FileTokenStoreFactory.defaultDir(s));
    Settings home = Settings.builder().systemProperties(Map.of("user.home", "/home/u")).build();
    assertEquals(Optional.of(Path.of("/home/u/.cache/firefly-auth")), FileTokenStoreFactory.defaultDir(home));
    Settings relative = Settings.builder().environment(Map.of("XDG_CACHE_HOME", "rel/dir")).build();
    assertEquals(Optional.empty(), FileTokenStoreFactory.defaultDir(relative), "a relative XDG value is ignored");
  }

  @Test
  void withoutAnyHomeTheDefaultFileStoreIsUnavailableButTokensStillFlow() {
    try (LogCapture logs = LogCapture.start();
        FireflyAuth a = FireflyAuth.builder().settings(Settings.builder().build())
            .credentials(ClientCredentials.builder().clientId("store-client-1").addSecret(Secret.of(SECRET)).build())
            .addTokenProviderFactory(issuer).tokenStore("file").build()) {
      assertFalse(a.token().fromStore());
      assertTrue(logs.text().contains("neither XDG_CACHE_HOME nor a home directory"), logs.text());
    }
  }

  private static Path onlyEntry(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".token")).findFirst().orElseThrow();
    }
  }
}

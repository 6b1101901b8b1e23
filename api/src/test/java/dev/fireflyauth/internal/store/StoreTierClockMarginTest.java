package dev.fireflyauth.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.store.StoredEntry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock margin taken off a stored token is 10 s for long-lived tokens and 1 % of the lifetime for short
 * ones, so a process that borrows a 60-second token does not refresh seconds before the one that fetched it.
 */
class StoreTierClockMarginTest {
  private static final URI ISSUER = URI.create("https://ims.example/t");
  private static final ClientCredentials CREDS =
      ClientCredentials.builder().clientId("client-margin-1").addSecret(Secret.of("margin-test-secret")).build();

  @TempDir Path tmp;

  private static CredentialsHandle handle() {
    return new CredentialsHandle() {
      @Override
      public ClientCredentials get() {
        return CREDS;
      }

      @Override
      public ClientCredentials reload(boolean bypassCaches) {
        return CREDS;
      }
    };
  }

  /** Stores a token issued now with {@code lifetime}, reads it back through a second tier, returns it. */
  private AccessToken borrowed(Duration lifetime, AtomicInteger exchanges) {
    FileTokenStore store = new FileTokenStore(tmp.resolve("store"));
    String key = EntryKeys.of(ISSUER, CREDS.clientId(), CREDS.scopes());
    Instant issued = Instant.now();
    store.write(key, Sealer.seal(key, CREDS, Secret.of("stored-token"), "bearer", issued, issued.plus(lifetime)),
        issued.plus(lifetime));
    StoreTier tier = new StoreTier(store, ISSUER, handle(), Duration.ofSeconds(5), TimeSource.system(), m -> {});
    return tier.obtain(() -> {
      exchanges.incrementAndGet();
      return AccessToken.issued(Secret.of("exchanged"), "bearer", lifetime, TimeSource.system());
    }, t -> true);
  }

  @Test
  void aShortLivedTokenLosesOnePercentOfItsLifetime() {
    AtomicInteger exchanges = new AtomicInteger();
    AccessToken t = borrowed(Duration.ofSeconds(60), exchanges);
    assertEquals(0, exchanges.get(), "the stored token is served");
    assertTrue(t.fromStore());
    assertEquals(Duration.ofMillis(600), StoreTier.clockMargin(entryOf(Duration.ofSeconds(60))));
    Duration lost = Duration.ofSeconds(60).minus(t.lifetime());
    assertTrue(lost.compareTo(Duration.ofMillis(550)) >= 0 && lost.compareTo(Duration.ofMillis(900)) < 0,
        "a 60 s token should lose about 0.6 s, lost " + lost.toMillis() + " ms");
  }

  @Test
  void aLongLivedTokenLosesTheFullTenSeconds() {
    AtomicInteger exchanges = new AtomicInteger();
    AccessToken t = borrowed(Duration.ofHours(24), exchanges);
    assertEquals(0, exchanges.get());
    assertEquals(Duration.ofSeconds(10), StoreTier.clockMargin(entryOf(Duration.ofHours(24))));
    Duration lost = Duration.ofHours(24).minus(t.lifetime());
    assertTrue(lost.compareTo(Duration.ofSeconds(10)) >= 0 && lost.compareTo(Duration.ofMillis(10_300)) < 0,
        "a 24 h token should lose 10 s, lost " + lost.toMillis() + " ms");
  }

  private static StoredEntry entryOf(Duration lifetime) {
    Instant issued = Instant.parse("2026-12-01T00:00:00Z");
    return new StoredEntry("k", "cl***", List.of(), "bearer", issued,
        issued.plus(lifetime));
  }
}

package dev.fireflyauth.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.store.StoredEntry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealerTest {
  private static final String TOKEN = "eyJ-the-token-value-0123456789";
  private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant EXPIRES = ISSUED.plusSeconds(86399);

  private static ClientCredentials creds(String... secrets) {
    ClientCredentials.Builder b = ClientCredentials.builder().clientId("client-abcd1234").scopes("openid,firefly_api");
    for (String s : secrets) {
      b.addSecret(Secret.of(s));
    }
    return b.build();
  }

  private static final String KEY = EntryKeys.of(URI.create("https://ims/t"), "client-abcd1234", List.of("openid"));

  private static byte[] sealed() {
    return Sealer.seal(KEY, creds("secret-one"), Secret.of(TOKEN), "bearer", ISSUED, EXPIRES);
  }

  @Test
  void opensWithTheSecretItWasSealedUnder() throws Exception {
    Sealer.Opened o = Sealer.open(KEY, creds("secret-one"), sealed());
    assertEquals(TOKEN, o.token().reveal());
    assertEquals(EXPIRES, o.entry().expiresAt());
    assertEquals(ISSUED, o.entry().issuedAt());
    assertEquals("bearer", o.entry().type());
  }

  @Test
  void opensWithTheSecondLiveSecretDuringARotation() throws Exception {
    assertEquals(TOKEN, Sealer.open(KEY, creds("secret-new", "secret-one"), sealed()).token().reveal());
  }

  @Test
  void anotherSecretCannotOpenIt() {
    Sealer.Unreadable e = assertThrows(Sealer.Unreadable.class, () -> Sealer.open(KEY, creds("wrong-secret"), sealed()));
    assertTrue(e.getMessage().contains("does not open with these credentials"), e.getMessage());
  }

  @Test
  void itCannotBeMovedToAnotherKey() {
    String other = EntryKeys.of(URI.create("https://ims/t"), "client-abcd1234", List.of("openid", "more"));
    assertThrows(Sealer.Unreadable.class, () -> Sealer.open(other, creds("secret-one"), sealed()));
  }

  @Test
  void flippingAnyByteOrCuttingItShortIsDetected() {
    byte[] s = sealed();
    for (int i = 0; i < s.length; i++) {
      byte[] t = s.clone();
      t[i] ^= 0x01;
      int at = i;
      assertThrows(Sealer.Unreadable.class, () -> Sealer.open(KEY, creds("secret-one"), t), "byte " + at);
    }
    for (int n : new int[] {0, 3, 7, 20, s.length - 1}) {
      byte[] t = Arrays.copyOf(s, n);
      assertThrows(Sealer.Unreadable.class, () -> Sealer.open(KEY, creds("secret-one"), t), "length " + n);
    }
  }

  @Test
  void itHoldsNoTokenNoSecretAndNoClientIdInPlaintextButItsHeaderIsReadable() throws Exception {
    String bytes = new String(sealed(), StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("eyJ-the-token"));
    assertFalse(bytes.contains("secret-one"));
    assertFalse(bytes.contains("client-abcd1234"));
    StoredEntry e = Sealer.describe(KEY, sealed());
    assertEquals("********1234", e.maskedClientId());
    assertEquals(List.of("openid", "firefly_api"), e.scopes());
    assertEquals(EXPIRES, e.expiresAt());
  }

  @Test
  void twoSealsOfTheSameTokenDiffer() {
    assertFalse(Arrays.equals(sealed(), sealed()), "a fresh nonce each time");
  }

  @Test
  void keysAreHashesThatDependOnIssuerClientAndSortedScopes() {
    String a = EntryKeys.of(URI.create("https://ims/t"), "c", List.of("b", "a"));
    assertEquals(a, EntryKeys.of(URI.create("https://ims/t"), "c", List.of("a", "b")));
    assertFalse(a.equals(EntryKeys.of(URI.create("https://other/t"), "c", List.of("a", "b"))));
    assertFalse(a.equals(EntryKeys.of(URI.create("https://ims/t"), "d", List.of("a", "b"))));
    assertTrue(EntryKeys.isEntryKey(a));
    assertFalse(a.contains("c\n"));
    assertFalse(EntryKeys.isEntryKey("firefly-auth:v1:../../etc/passwd"));
  }
}

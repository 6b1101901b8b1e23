package dev.fireflyauth.internal.store;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.JsonWriter;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.spi.support.Utf8;
import dev.fireflyauth.store.StoredEntry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a token for a store and opens it again: AES-256-GCM under a key derived with HKDF-SHA256 from the
 * client secret, the client ID and the entry's name.
 *
 * <p>Why it exists: only a process that holds the client secret may be served the token. The key is derived
 * from the secret (never stored anywhere); GCM authenticates the whole entry, so a tampered, truncated or
 * swapped entry (its name is authenticated too) fails to open, as does one sealed under another secret. A
 * small plaintext header (masked client ID, scopes, issue and expiry times, token type) is authenticated but
 * not encrypted, so {@code firefly-auth cache list} can show entries without any secret.
 *
 * <p>Layout: {@code "FFAT"}, version byte 1, header length (2 bytes), header (UTF-8 JSON), 12-byte nonce,
 * ciphertext with its 16-byte tag. Stateless and thread-safe.
 */
public final class Sealer {
  private static final byte[] MAGIC = {'F', 'F', 'A', 'T'};
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_HEADER = 4096;
  private static final byte[] SALT = "firefly-auth token store v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Sealer() {}

  /** What {@link #open} recovered: the token and its type, plus the header. */
  public record Opened(Secret token, StoredEntry entry) {}

  /** Why an entry could not be opened. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** The sealed form of {@code token} for entry {@code key}, under the newest secret of {@code credentials}. */
  public static byte[] seal(
      String key, ClientCredentials credentials, Secret token, String type, Instant issuedAt, Instant expiresAt) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("client", credentials.maskedClientId());
    header.put("scopes", credentials.scopes());
    header.put("type", type);
    header.put("issued_at", issuedAt.toString());
    header.put("expires_at", expiresAt.toString());
    byte[] headerBytes = JsonWriter.write(header).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(VERSION);
    out.write(headerBytes.length >>> 8);
    out.write(headerBytes.length & 0xff);
    out.writeBytes(headerBytes);
    byte[] prefix = out.toByteArray();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] ciphertext;
    try {
      ciphertext = crypt(
          Cipher.ENCRYPT_MODE, key(credentials.secrets().get(0), credentials.clientId(), key), nonce,
          aad(prefix, key), token.reveal().getBytes(StandardCharsets.UTF_8));
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("encryption cannot fail authentication", e);
    }
    out.writeBytes(nonce);
    out.writeBytes(ciphertext);
    return out.toByteArray();
  }

  /**
   * Opens {@code sealed} with any of {@code credentials}' secrets.
   *
   * @throws Unreadable when it is not an entry of ours, is truncated or tampered, or was sealed under another
   *     secret (these cannot be told apart, by design)
   */
  public static Opened open(String key, ClientCredentials credentials, byte[] sealed) throws Unreadable {
    Parsed p = parse(sealed);
    for (Secret secret : credentials.secrets()) {
      try {
        byte[] plain = crypt(Cipher.DECRYPT_MODE, key(secret, credentials.clientId(), key), p.nonce,
            aad(p.prefix, key), p.ciphertext);
        Optional<String> token = Utf8.decode(plain);
        Arrays.fill(plain, (byte) 0);
        if (token.isEmpty() || token.get().isBlank()) {
          throw new Unreadable("its content is not a token");
        }
        return new Opened(Secret.of(token.get()), p.entry);
      } catch (AEADBadTagException wrongKeyOrTampered) {
        // try the next live secret
      } catch (GeneralSecurityException e) {
        throw new Unreadable("it could not be decrypted (" + e.getClass().getSimpleName() + ")");
      }
    }
    throw new Unreadable("it does not open with these credentials (tampered, truncated, or sealed under another"
        + " client secret)");
  }

  /** The plaintext header of {@code sealed}, readable without any secret. */
  public static StoredEntry describe(String key, byte[] sealed) throws Unreadable {
    StoredEntry e = parse(sealed).entry;
    return new StoredEntry(key, e.maskedClientId(), e.scopes(), e.type(), e.issuedAt(), e.expiresAt());
  }

  private record Parsed(byte[] prefix, StoredEntry entry, byte[] nonce, byte[] ciphertext) {}

  private static Parsed parse(byte[] sealed) throws Unreadable {
    if (sealed.length < MAGIC.length + 3 || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
      throw new Unreadable("it is not a Firefly Auth token entry");
    }
    if (sealed[MAGIC.length] != VERSION) {
      throw new Unreadable("it has an unknown format version " + sealed[MAGIC.length]);
    }
    ByteBuffer b = ByteBuffer.wrap(sealed);
    b.position(MAGIC.length + 1);
    int headerLength = b.getShort() & 0xffff;
    if (headerLength > MAX_HEADER || b.remaining() < headerLength + NONCE_BYTES + TAG_BITS / 8) {
      throw new Unreadable("it is truncated");
    }
    byte[] header = new byte[headerLength];
    b.get(header);
    byte[] prefix = Arrays.copyOf(sealed, b.position());
    byte[] nonce = new byte[NONCE_BYTES];
    b.get(nonce);
    byte[] ciphertext = new byte[b.remaining()];
    b.get(ciphertext);
    return new Parsed(prefix, header(header), nonce, ciphertext);
  }

  private static StoredEntry header(byte[] bytes) throws Unreadable {
    try {
      Object root = StrictJson.parse(Utf8.decode(bytes).orElseThrow(() -> new Unreadable("its header is not UTF-8")));
      if (!(root instanceof Map<?, ?> m)) {
        throw new Unreadable("its header is not a JSON object");
      }
      List<String> scopes = m.get("scopes") instanceof List<?> l
          ? l.stream().map(String::valueOf).toList()
          : List.of();
      Instant issued = Instant.parse(String.valueOf(m.get("issued_at")));
      Instant expires = Instant.parse(String.valueOf(m.get("expires_at")));
      return new StoredEntry(null, String.valueOf(m.get("client")), scopes, String.valueOf(m.get("type")),
          issued, expires);
    } catch (JsonProblem | DateTimeParseException e) {
      throw new Unreadable("its header is malformed");
    }
  }

  private static byte[] aad(byte[] prefix, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] aad = Arrays.copyOf(prefix, prefix.length + k.length);
    System.arraycopy(k, 0, aad, prefix.length, k.length);
    return aad;
  }

  private static byte[] crypt(int mode, SecretKeySpec key, byte[] nonce, byte[] aad, byte[] input)
      throws AEADBadTagException {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      return c.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  /** HKDF-SHA256 (RFC 5869), one 32-byte block: the AES key for one entry, one client and one secret. */
  static SecretKeySpec key(Secret secret, String clientId, String entryKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
      byte[] prk = mac.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update(("aes-256-gcm\n" + clientId + "\n" + entryKey).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 1);
      byte[] okm = mac.doFinal();
      Arrays.fill(prk, (byte) 0);
      return new SecretKeySpec(okm, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }
}

package dev.fireflyauth.internal.store;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The name a token is stored under: a SHA-256 of token endpoint, client ID and sorted scopes.
 *
 * <p>Why a hash: the name is visible to anyone who can list the store (file names, Redis keys), and must not
 * reveal the client ID; and two processes must find each other's token only when they would ask IMS for the
 * same thing. The secret is not part of the name (rotating it must not orphan entries): it keys the
 * encryption instead ({@link Sealer}).
 */
public final class EntryKeys {
  /** Prefix of every name, so a shared store (a Redis database) shows what the keys belong to. */
  public static final String PREFIX = "firefly-auth:v1:";

  private EntryKeys() {}

  /** {@code firefly-auth:v1:<64 hex digits>}. */
  public static String of(URI issuer, String clientId, List<String> scopes) {
    List<String> sorted = new ArrayList<>(scopes);
    sorted.sort(null);
    String material = issuer + "\n" + clientId + "\n" + String.join(",", sorted);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Whether {@code name} is one of ours (a store may hold other things). */
  public static boolean isEntryKey(String name) {
    return name.startsWith(PREFIX) && name.length() == PREFIX.length() + 64
        && name.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}

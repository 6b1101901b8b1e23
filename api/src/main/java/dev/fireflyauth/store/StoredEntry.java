package dev.fireflyauth.store;

import java.time.Instant;
import java.util.List;

/**
 * What anyone may see of a token store entry without any secret: the masked client ID, the scopes, the token
 * type and when the token was issued and expires. Never the token.
 *
 * <p>Why it exists: {@code firefly-auth cache list} shows what is stored, and an administrator must be able
 * to see that without being able to read a token.
 *
 * @param key the entry's name in the store (a hash)
 * @param maskedClientId the client ID with all but its last four characters masked
 */
public record StoredEntry(
    String key, String maskedClientId, List<String> scopes, String type, Instant issuedAt, Instant expiresAt) {

  public StoredEntry {
    scopes = List.copyOf(scopes);
  }

  /** Whether the token has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}

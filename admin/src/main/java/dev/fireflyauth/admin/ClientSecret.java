package dev.fireflyauth.admin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One client secret of a credential, as the I/O Management API lists it: its UUID and when it was created and
 * last used. Never its value: Adobe returns a value only once, when the secret is added
 * ({@link NewClientSecret}).
 *
 * <p>Why it exists: deciding whether an old secret may be deleted ("has anything used it since the new one was
 * written back?") and telling secrets apart in {@code firefly-auth secrets list} need exactly this. Immutable.
 *
 * @param uuid the secret's ID, as {@link SecretsAdmin#delete(String)} takes it
 * @param created when it was created; empty when the API did not say
 * @param lastUsed when a token was last issued for it; empty when never (or the API did not say)
 */
public record ClientSecret(String uuid, Optional<Instant> created, Optional<Instant> lastUsed) {
  public ClientSecret {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
  }
}

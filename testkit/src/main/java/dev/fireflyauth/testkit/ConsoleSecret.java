package dev.fireflyauth.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A live client secret as the emulator's I/O Management API lists it: its UUID, when it was created, and when
 * a token was last issued for it. Never the value.
 *
 * <p>Why it exists: a test of a secret rotation asserts which secret an application exchanged ("the new one,
 * after the write-back") without handling secret values; {@link ImsEmulator#secrets(String)} returns these,
 * newest first. Immutable.
 *
 * @param uuid the secret's ID, as {@code DELETE …/secrets/{uuid}} takes it
 * @param created when the secret was registered, added or rotated in, on the emulator's clock
 * @param lastUsed when a token was last issued for it; empty when never
 */
public record ConsoleSecret(String uuid, Instant created, Optional<Instant> lastUsed) {
  public ConsoleSecret {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
  }
}

package dev.fireflyauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A sensitive string (client secret, access token) that never shows itself by accident.
 *
 * <p>Why it exists: credentials travel through logs, exception messages and debuggers. Wrapping them
 * makes every accidental {@code toString()}, string concatenation or {@code printf} print
 * {@code Secret[redacted]}; the only way to the value is the explicit, greppable {@link #reveal()}.
 *
 * <p>Immutable and thread-safe. Equality compares the values in constant time.
 */
public final class Secret {
  private static final String REDACTED = "Secret[redacted]";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps {@code value}.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty or blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be empty or blank");
    }
    return new Secret(value);
  }

  /** The sensitive value. Call it only where the value leaves the process on purpose (a request body, a header). */
  public String reveal() {
    return value;
  }

  /** The number of characters, for diagnostics that need a hint without the value. */
  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), ((Secret) o).value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    // Equal secrets must share a hash code; a constant avoids exposing anything derived from the value.
    return 0x5ec7e7;
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}

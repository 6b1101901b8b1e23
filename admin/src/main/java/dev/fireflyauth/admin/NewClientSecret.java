package dev.fireflyauth.admin;

import dev.fireflyauth.Secret;
import java.util.Objects;

/**
 * A client secret just added through the I/O Management API: its UUID and its value, which Adobe returns this
 * once and never again.
 *
 * <p>Why it exists: the value must reach the place the deployment reads its credentials (a
 * {@link dev.fireflyauth.spi.SecretWriteBack}) without ever being printed by accident; it is a {@link Secret},
 * so {@link #toString()} shows the UUID and {@code Secret[redacted]}. Immutable.
 *
 * @param uuid the new secret's ID
 * @param secret the new secret's value
 */
public record NewClientSecret(String uuid, Secret secret) {
  public NewClientSecret {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(secret, "secret");
  }
}

package dev.fireflyauth.file;

import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.support.PeerText;
import java.util.Collection;
import java.util.List;

/**
 * How a value taken from a credentials file may appear in a message: a string cleaned (known secrets and
 * anything credential-shaped redacted, control characters removed) and cut short; any other value only by its
 * kind ("an object").
 *
 * <p>Why it exists: messages about a file name things found in it (a Developer Console credential's
 * {@code name} and {@code integration_type}, a profile's name) so the user can find them, but those fields are
 * free text a user or tool filled in, and an object there ({@code {"jwt_secret": …}}) printed with
 * {@code String.valueOf} would put a secret into the message. Stateless.
 */
final class Shown {
  /** Longer strings are cut: a name is short, and a long value is more likely pasted data. */
  static final int MAX_LENGTH = 64;

  private Shown() {}

  /** {@code value} as a message may show it; {@code known} are secrets of the file to redact. */
  static String of(Object value, Collection<Secret> known) {
    if (value instanceof String s) {
      String clean = PeerText.clean(s, known, MAX_LENGTH);
      return clean.isEmpty() ? "an empty string" : clean;
    }
    return CredentialFields.describeType(value);
  }

  /** A name the user chose (a profile), as a message may show it. */
  static String name(String name) {
    return of(name, List.of());
  }
}

package dev.fireflyauth.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The emulator's random values: tokens, debug IDs, generated client IDs, secrets, secret UUIDs and Console IDs.
 *
 * <p>Why it exists: tokens must be unguessable (a test that asserts "the app sent a token we issued" must not
 * pass by accident), so every random value comes from one {@link SecureRandom}. Thread-safe.
 */
final class Randoms {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private Randoms() {}

  /** An opaque access token: 32 random bytes, URL-safe base64 (43 characters). */
  static String token() {
    return URL_SAFE.encodeToString(bytes(32));
  }

  /** A value for the {@code x-debug-id} header. */
  static String debugId() {
    return UUID.randomUUID().toString();
  }

  /** A UUID, as the I/O Management API names client secrets. */
  static String uuid() {
    return UUID.randomUUID().toString();
  }

  /** A Developer Console ID (organisation, credential): {@code digits} decimal digits, not starting with 0. */
  static String consoleId(int digits) {
    StringBuilder sb = new StringBuilder().append(1 + RANDOM.nextInt(9));
    for (int i = 1; i < digits; i++) {
      sb.append(RANDOM.nextInt(10));
    }
    return sb.toString();
  }

  /** A client ID shaped like Adobe's: 32 lower-case hex digits. */
  static String clientId() {
    return HexFormat.of().formatHex(bytes(16));
  }

  /** A client secret shaped like Adobe's: {@code p8e-} and 32 URL-safe characters. */
  static String clientSecret() {
    return "p8e-" + URL_SAFE.encodeToString(bytes(24));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}

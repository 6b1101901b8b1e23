package dev.fireflyauth.spi.support;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 decoding: malformed or unmappable input is refused instead of turned into U+FFFD.
 *
 * <p>Why it exists: a credentials file, a secret store value, an IMS reply and a process's output are all
 * supposed to be UTF-8 text; binary data there means the wrong file or a broken peer, and must be reported
 * as such rather than parsed as garbage. A leading byte-order mark is dropped.
 */
public final class Utf8 {
  private static final char BOM = '\uFEFF';

  private Utf8() {}

  /** {@code bytes} as text, without a leading byte-order mark; empty when they are not valid UTF-8. */
  public static Optional<String> decode(byte[] bytes) {
    return decode(ByteBuffer.wrap(bytes));
  }

  /** Like {@link #decode(byte[])}, reading the remaining bytes of {@code bytes}. */
  public static Optional<String> decode(ByteBuffer bytes) {
    try {
      String s = StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
      return Optional.of(!s.isEmpty() && s.charAt(0) == BOM ? s.substring(1) : s);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}

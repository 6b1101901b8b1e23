package dev.fireflyauth.admin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the times the I/O Management API gives for a secret, in whichever of the forms seen in the wild:
 * ISO-8601 with {@code Z} or an offset ({@code +02:00} or {@code +0200}), ISO-8601 without a zone (taken as UTC),
 * epoch milliseconds as a number or a string of digits; JSON {@code null}, an empty string or a missing field
 * mean "not known" (for a last-used time: never used).
 *
 * <p>Why it exists: the API's documentation does not pin the format, and a listing must not fail because one
 * field is spelled differently. Stateless.
 */
final class Timestamps {
  /** Later than this is not a time but garbage (the year 10000). */
  private static final long MAX_EPOCH_MILLIS = 253_402_300_800_000L;
  private static final Pattern DIGITS = Pattern.compile("\\d{1,15}");
  private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

  private Timestamps() {}

  /**
   * The time {@code value} (a parsed JSON value) holds; empty for null or "".
   *
   * @throws IllegalArgumentException when it is none of the accepted forms (never quoting it)
   */
  static Optional<Instant> parse(Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return Optional.empty();
    }
    if (value instanceof BigInteger i) {
      return Optional.of(millis(i));
    }
    if (value instanceof BigDecimal d) {
      try {
        return Optional.of(millis(d.toBigIntegerExact()));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("a number with a fraction, not epoch milliseconds");
      }
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("neither a string nor a number");
    }
    String s = text.strip();
    if (DIGITS.matcher(s).matches()) {
      return Optional.of(millis(new BigInteger(s)));
    }
    try {
      return Optional.of(OffsetDateTime.parse(COMPACT_OFFSET.matcher(s).replaceFirst("$1:$2")).toInstant());
    } catch (DateTimeException e) {
      // not with an offset; try without a zone
    }
    try {
      return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not an ISO-8601 time or epoch milliseconds");
    }
  }

  private static Instant millis(BigInteger i) {
    if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(MAX_EPOCH_MILLIS)) > 0) {
      throw new IllegalArgumentException("a number out of the range of epoch milliseconds");
    }
    return Instant.ofEpochMilli(i.longValueExact());
  }
}

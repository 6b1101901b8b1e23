package dev.fireflyauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token and when it stops being usable.
 *
 * <p>Why it exists: a token is only useful together with its deadline, and that deadline must survive a
 * wall-clock jump. So the deadline is kept twice: as monotonic nanoseconds of the {@link TimeSource} that
 * received the token (what the cache compares) and as an {@link Instant} (what people read).
 *
 * <p>A token handed in ready-made (for example {@code FIREFLY_SERVICES_ACCESS_TOKEN}) has no known expiry:
 * {@link #expiresAt()} is empty and {@link #isExpiredAt(long)} is always false.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the token.
 */
public final class AccessToken {
  private final Secret value;
  private final String type;
  private final boolean expires;
  private final long receivedAtNanos;
  private final long expiresAtNanos;
  private final Instant expiresAt;

  private AccessToken(
      Secret value, String type, boolean expires, long receivedAtNanos, long expiresAtNanos, Instant expiresAt) {
    this.value = Objects.requireNonNull(value, "value");
    this.type = Objects.requireNonNull(type, "type");
    this.expires = expires;
    this.receivedAtNanos = receivedAtNanos;
    this.expiresAtNanos = expiresAtNanos;
    this.expiresAt = expiresAt;
  }

  /**
   * A token received now from an issuer that said it lives for {@code lifetime}.
   *
   * @throws IllegalArgumentException if {@code lifetime} is zero or negative
   */
  public static AccessToken issued(Secret value, String type, Duration lifetime, TimeSource time) {
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(time, "time");
    if (lifetime.isZero() || lifetime.isNegative()) {
      throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
    }
    long now = time.nanoTime();
    return new AccessToken(value, type, true, now, now + lifetime.toNanos(), time.now().plus(lifetime));
  }

  /** A ready-made token whose expiry is not known to us. */
  public static AccessToken withoutExpiry(Secret value, String type) {
    return new AccessToken(value, type, false, 0L, 0L, null);
  }

  /** The token itself. */
  public Secret value() {
    return value;
  }

  /** The token type as the issuer spelled it, usually {@code bearer}. */
  public String type() {
    return type;
  }

  /** The value for an {@code Authorization} header: {@code Bearer <token>}. */
  public String authorizationHeader() {
    return "Bearer " + value.reveal();
  }

  /** When the token expires, for display; empty when not known. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** Whether the expiry is known. */
  public boolean hasExpiry() {
    return expires;
  }

  /** Monotonic deadline in the receiving {@link TimeSource}'s nanoseconds; meaningless when {@link #hasExpiry()} is false. */
  public long expiresAtNanos() {
    return expiresAtNanos;
  }

  /** Monotonic receipt time in the receiving {@link TimeSource}'s nanoseconds. */
  public long receivedAtNanos() {
    return receivedAtNanos;
  }

  /** The lifetime the token was issued with (after any clamp); {@link Duration#ZERO} when the expiry is unknown. */
  public Duration lifetime() {
    return expires ? Duration.ofNanos(expiresAtNanos - receivedAtNanos) : Duration.ZERO;
  }

  /** Whether the token is past its deadline at monotonic time {@code nowNanos}. */
  public boolean isExpiredAt(long nowNanos) {
    return expires && nowNanos - expiresAtNanos >= 0;
  }

  /**
   * This token with its lifetime cut to {@code max}: an issuer's mis-scaled {@code expires_in} must not keep a
   * token forever. Returns {@code this} when already within {@code max}.
   */
  public AccessToken withMaxLifetime(Duration max) {
    if (!expires || lifetime().compareTo(max) <= 0) {
      return this;
    }
    Duration cut = lifetime().minus(max);
    return new AccessToken(
        value, type, true, receivedAtNanos, receivedAtNanos + max.toNanos(), expiresAt.minus(cut));
  }

  @Override
  public String toString() {
    return "AccessToken{type=" + type + ", expiresAt=" + (expires ? expiresAt : "unknown") + ", value=" + value + '}';
  }
}

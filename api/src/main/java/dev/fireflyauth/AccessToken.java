package dev.fireflyauth;

import dev.fireflyauth.spi.support.HeaderValues;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token, when it stops being usable, and where it came from.
 *
 * <p>Why it exists: a token is only useful together with its deadline, and that deadline must survive a
 * wall-clock jump. So the deadline is kept twice: as monotonic nanoseconds of the {@link TimeSource} that
 * received the token (what the cache compares) and as an {@link Instant} (what people read). The token also
 * carries its {@link #origin()} (which provider made it, from which credentials or store) and, when the
 * provider knows it, the {@link #clientId()} it was issued to, so the {@code x-api-key} header can be sent
 * without resolving credentials (a token agent hands out both).
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
  private final String origin;
  private final String clientId;
  private final boolean stored;

  private AccessToken(
      Secret value,
      String type,
      boolean expires,
      long receivedAtNanos,
      long expiresAtNanos,
      Instant expiresAt,
      String origin,
      String clientId,
      boolean stored) {
    this.value = Objects.requireNonNull(value, "value");
    this.type = Objects.requireNonNull(type, "type");
    if (HeaderValues.hasControlCharacter(value.reveal()) || HeaderValues.hasControlCharacter(type)) {
      // Never quote it: a CR/LF would forge a header next to Authorization.
      throw new IllegalArgumentException("an access token or its type must not contain control characters");
    }
    this.expires = expires;
    this.receivedAtNanos = receivedAtNanos;
    this.expiresAtNanos = expiresAtNanos;
    this.expiresAt = expiresAt;
    this.origin = origin;
    this.clientId = clientId;
    this.stored = stored;
  }

  /**
   * A token received now from an issuer that said it lives for {@code lifetime}.
   *
   * @throws IllegalArgumentException if {@code lifetime} is zero or negative, or the token or its type holds a
   *     control character
   */
  public static AccessToken issued(Secret value, String type, Duration lifetime, TimeSource time) {
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(time, "time");
    if (lifetime.isZero() || lifetime.isNegative()) {
      throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
    }
    long now = time.nanoTime();
    return new AccessToken(
        value, type, true, now, now + lifetime.toNanos(), time.now().plus(lifetime), null, null, false);
  }

  /**
   * A token issued earlier, possibly by another process, known by its wall-clock issue and expiry times (as a
   * token store keeps it). Its monotonic deadline is {@code expiresAt} as seen on {@code time} now, moved
   * {@code margin} earlier so that a wall-clock step between the two processes cannot make us serve it late.
   * Its {@link #lifetime()} is the original lifetime less the margin.
   *
   * @throws IllegalArgumentException if {@code expiresAt} is not after {@code issuedAt}, or the token or type
   *     holds a control character
   */
  public static AccessToken restored(
      Secret value, String type, Instant issuedAt, Instant expiresAt, Duration margin, TimeSource time) {
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("expiresAt must be after issuedAt");
    }
    long now = time.nanoTime();
    Instant wallNow = time.now();
    long sinceIssue = Duration.between(issuedAt, wallNow).toNanos();
    long untilExpiry = Duration.between(wallNow, expiresAt).minus(margin).toNanos();
    return new AccessToken(
        value, type, true, now - sinceIssue, now + untilExpiry, expiresAt.minus(margin), null, null, false);
  }

  /**
   * A ready-made token whose expiry is not known to us.
   *
   * @throws IllegalArgumentException if the token or its type holds a control character
   */
  public static AccessToken withoutExpiry(Secret value, String type) {
    return new AccessToken(value, type, false, 0L, 0L, null, null, null, false);
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

  /**
   * Where the token came from, for people: {@code ims via env FIREFLY_SERVICES_CLIENT_ID}, {@code token store
   * file /home/me/.cache/firefly-auth}, {@code static-token}; empty when the provider did not say.
   */
  public Optional<String> origin() {
    return Optional.ofNullable(origin);
  }

  /** The client ID the token was issued to, when the provider knows it (the {@code x-api-key} to send). */
  public Optional<String> clientId() {
    return Optional.ofNullable(clientId);
  }

  /** Whether the token was read from a token store rather than obtained by this process. */
  public boolean fromStore() {
    return stored;
  }

  /** This token with {@link #origin()} set. */
  public AccessToken withOrigin(String origin) {
    return new AccessToken(value, type, expires, receivedAtNanos, expiresAtNanos, expiresAt,
        Objects.requireNonNull(origin, "origin"), clientId, stored);
  }

  /**
   * This token with {@link #clientId()} set.
   *
   * @throws IllegalArgumentException if {@code clientId} is blank or holds a control character
   */
  public AccessToken withClientId(String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    if (clientId.isBlank() || HeaderValues.hasControlCharacter(clientId)) {
      throw new IllegalArgumentException("clientId must be non-blank and free of control characters");
    }
    return new AccessToken(value, type, expires, receivedAtNanos, expiresAtNanos, expiresAt, origin, clientId, stored);
  }

  /** This token marked as read from a token store, with {@code origin} naming the store. */
  public AccessToken fromStore(String origin) {
    return new AccessToken(value, type, expires, receivedAtNanos, expiresAtNanos, expiresAt,
        Objects.requireNonNull(origin, "origin"), clientId, true);
  }

  /**
   * Monotonic deadline in the receiving {@link TimeSource}'s nanoseconds; meaningless when {@link #hasExpiry()}
   * is false. For token caches; applications compare {@link #expiresAt()}.
   */
  public long expiresAtNanos() {
    return expiresAtNanos;
  }

  /** Monotonic receipt time in the receiving {@link TimeSource}'s nanoseconds. For token caches. */
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
    return new AccessToken(value, type, true, receivedAtNanos, receivedAtNanos + max.toNanos(),
        expiresAt.minus(cut), origin, clientId, stored);
  }

  /** Whether {@code other} holds the same token value (compared in constant time). */
  public boolean sameValueAs(AccessToken other) {
    return other != null && value.equals(other.value);
  }

  @Override
  public String toString() {
    return "AccessToken{type=" + type + ", expiresAt=" + (expires ? expiresAt : "unknown")
        + (origin == null ? "" : ", origin=" + origin) + (stored ? ", fromStore" : "") + ", value=" + value + '}';
  }
}

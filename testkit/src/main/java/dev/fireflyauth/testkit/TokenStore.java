package dev.fireflyauth.testkit;

import dev.fireflyauth.TimeSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the emulator issued, each with its client and expiry on the emulator's own clock.
 *
 * <p>Why it exists: a test of an app must be able to ask "is the bearer token you received one I issued, and
 * still valid?" and move time (a fake {@link TimeSource}) to see tokens expire. Expired tokens are forgotten
 * when met and whenever a new token is issued. Thread-safe.
 */
final class TokenStore {
  private record Issued(String clientId, long expiresAtNanos) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final TimeSource time;

  TokenStore(TimeSource time) {
    this.time = time;
  }

  /** A new random token for {@code clientId}, valid for {@code lifetime}. */
  String issue(String clientId, Duration lifetime) {
    long now = time.nanoTime();
    tokens.values().removeIf(i -> expired(i, now));
    String token = Randoms.token();
    tokens.put(token, new Issued(clientId, now + lifetime.toNanos()));
    return token;
  }

  /** The client {@code token} was issued to, when it was issued here and has not expired. */
  Optional<String> clientIdOf(String token) {
    Issued issued = token == null ? null : tokens.get(token);
    if (issued == null) {
      return Optional.empty();
    }
    if (expired(issued, time.nanoTime())) {
      tokens.remove(token, issued);
      return Optional.empty();
    }
    return Optional.of(issued.clientId());
  }

  private static boolean expired(Issued issued, long nowNanos) {
    return nowNanos - issued.expiresAtNanos() >= 0;
  }
}

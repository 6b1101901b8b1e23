package dev.fireflyauth.testkit;

import dev.fireflyauth.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the emulator issued, each with its client, the scopes it was issued for and its expiry on the
 * emulator's own clock.
 *
 * <p>Why it exists: a test of an app must be able to ask "is the bearer token you received one I issued, and
 * still valid?" and move time (a fake {@link TimeSource}) to see tokens expire; the I/O Management API side
 * ({@link ConsoleEndpoint}) checks the scopes a token carries. Expired tokens are forgotten when met and
 * whenever a new token is issued. Thread-safe.
 */
final class TokenStore {
  /** A token as issued: to whom, for which scopes, until when. */
  record Issued(String clientId, List<String> scopes, long expiresAtNanos) {
    Issued {
      scopes = List.copyOf(scopes);
    }
  }

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final TimeSource time;

  TokenStore(TimeSource time) {
    this.time = time;
  }

  /** A new random token for {@code clientId} and {@code scopes}, valid for {@code lifetime}. */
  String issue(String clientId, List<String> scopes, Duration lifetime) {
    long now = time.nanoTime();
    tokens.values().removeIf(i -> expired(i, now));
    String token = Randoms.token();
    tokens.put(token, new Issued(clientId, scopes, now + lifetime.toNanos()));
    return token;
  }

  /** The client {@code token} was issued to, when it was issued here and has not expired. */
  Optional<String> clientIdOf(String token) {
    return find(token).map(Issued::clientId);
  }

  /** How {@code token} was issued, when it was issued here and has not expired. */
  Optional<Issued> find(String token) {
    Issued issued = token == null ? null : tokens.get(token);
    if (issued == null) {
      return Optional.empty();
    }
    if (expired(issued, time.nanoTime())) {
      tokens.remove(token, issued);
      return Optional.empty();
    }
    return Optional.of(issued);
  }

  private static boolean expired(Issued issued, long nowNanos) {
    return nowNanos - issued.expiresAtNanos() >= 0;
  }
}

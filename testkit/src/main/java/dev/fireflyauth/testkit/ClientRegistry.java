package dev.fireflyauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth server-to-server credentials the emulator knows, with their live secrets and allowed scopes.
 *
 * <p>Why it exists: IMS keeps state that a stub does not. A credential has at most two live secrets (Adobe's
 * rotation window), and rotating a secret at run time must make the old one fail afterwards unless it was
 * kept. Thread-safe: each client is an immutable {@link Client} replaced atomically.
 */
final class ClientRegistry {
  /** One registered credential; {@code secrets} newest first. */
  record Client(String clientId, List<String> secrets, List<String> scopes) {
    Client {
      secrets = List.copyOf(secrets);
      scopes = List.copyOf(scopes);
    }

    boolean hasSecret(String candidate) {
      byte[] c = candidate.getBytes(StandardCharsets.UTF_8);
      boolean match = false;
      for (String s : secrets) {
        match |= MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8), c);
      }
      return match;
    }
  }

  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  /** @throws IllegalArgumentException when {@code clientId} is already registered */
  void register(String clientId, String secret, List<String> scopes) {
    Client c = new Client(clientId, List.of(secret), scopes);
    if (clients.putIfAbsent(clientId, c) != null) {
      throw new IllegalArgumentException("client ID " + clientId + " is already registered");
    }
  }

  /**
   * Makes {@code newSecret} the client's newest secret; the previous newest stays live only when
   * {@code keepOld} (the oldest of two live secrets is dropped).
   *
   * @throws IllegalArgumentException when the client is unknown
   */
  Client rotate(String clientId, String newSecret, boolean keepOld) {
    Client rotated =
        clients.computeIfPresent(
            clientId,
            (id, c) -> {
              List<String> live = keepOld ? List.of(newSecret, c.secrets().get(0)) : List.of(newSecret);
              return new Client(id, live, c.scopes());
            });
    if (rotated == null) {
      throw new IllegalArgumentException("client ID " + clientId + " is not registered");
    }
    return rotated;
  }

  Optional<Client> find(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  int size() {
    return clients.size();
  }
}

package dev.fireflyauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth server-to-server credentials the emulator knows, with their live secrets and allowed scopes.
 *
 * <p>Why it exists: IMS keeps state that a stub does not. A credential has at most two live secrets (Adobe's
 * rotation window), and rotating a secret at run time must make the old one fail afterwards unless it was
 * kept. Each credential also lives in a Developer Console organisation under a credential ID, and each secret
 * has a UUID, a creation time and the time it was last exchanged, as the I/O Management API lists them.
 * Thread-safe: each client is an immutable {@link Client} replaced atomically.
 */
final class ClientRegistry {
  /** At most this many live secrets per credential, as in Adobe Developer Console. */
  static final int MAX_SECRETS = 2;

  /** One live secret; {@code lastUsed} is null until a token was issued for it. Never shows the value. */
  record LiveSecret(String uuid, String value, Instant created, Instant lastUsed) {
    boolean matches(String candidate) {
      return MessageDigest.isEqual(
          value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    LiveSecret usedAt(Instant when) {
      return new LiveSecret(uuid, value, created, when);
    }

    @Override
    public String toString() {
      return "LiveSecret[" + uuid + "]";
    }
  }

  /** One registered credential; {@code live} newest first. */
  record Client(String clientId, List<LiveSecret> live, List<String> scopes, String orgId, String credentialId) {
    Client {
      live = List.copyOf(live);
      scopes = List.copyOf(scopes);
    }

    /** The live secrets' values, newest first. */
    List<String> secrets() {
      return live.stream().map(LiveSecret::value).toList();
    }

    boolean hasSecret(String candidate) {
      boolean match = false;
      for (LiveSecret s : live) {
        match |= s.matches(candidate); // no early exit: the time taken says nothing about which matched
      }
      return match;
    }

    Client withLive(List<LiveSecret> secrets) {
      return new Client(clientId, secrets, scopes, orgId, credentialId);
    }

    @Override
    public String toString() {
      return "Client[" + clientId + ", " + live.size() + " secrets, credential " + credentialId + "]";
    }
  }

  /** What adding a secret did: the new secret, or null when the credential already had {@link #MAX_SECRETS}. */
  record Added(LiveSecret secret) {}

  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  /** @throws IllegalArgumentException when {@code clientId} or the credential ID is already registered */
  void register(String clientId, String secret, List<String> scopes, String orgId, String credentialId,
      Instant now) {
    Client c = new Client(clientId, List.of(new LiveSecret(Randoms.uuid(), secret, now, null)), scopes, orgId,
        credentialId);
    synchronized (clients) {
      if (findCredential(orgId, credentialId).isPresent()) {
        throw new IllegalArgumentException("credential ID " + credentialId + " is already registered in org " + orgId);
      }
      if (clients.putIfAbsent(clientId, c) != null) {
        throw new IllegalArgumentException("client ID " + clientId + " is already registered");
      }
    }
  }

  /**
   * Makes {@code newSecret} the client's newest secret; the previous newest stays live only when
   * {@code keepOld} (the oldest of two live secrets is dropped).
   *
   * @throws IllegalArgumentException when the client is unknown
   */
  Client rotate(String clientId, String newSecret, boolean keepOld, Instant now) {
    Client rotated =
        clients.computeIfPresent(
            clientId,
            (id, c) -> {
              LiveSecret fresh = new LiveSecret(Randoms.uuid(), newSecret, now, null);
              return c.withLive(keepOld ? List.of(fresh, c.live().get(0)) : List.of(fresh));
            });
    if (rotated == null) {
      throw new IllegalArgumentException("client ID " + clientId + " is not registered");
    }
    return rotated;
  }

  /** Records that a token was just issued for {@code secret} of {@code clientId}. */
  void markUsed(String clientId, String secret, Instant now) {
    clients.computeIfPresent(clientId, (id, c) -> {
      List<LiveSecret> live = new ArrayList<>();
      for (LiveSecret s : c.live()) {
        live.add(s.matches(secret) ? s.usedAt(now) : s);
      }
      return c.withLive(live);
    });
  }

  /** Adds a new secret (newest first) unless the client already has {@link #MAX_SECRETS}. */
  Added addSecret(String clientId, String value, Instant now) {
    AtomicReference<LiveSecret> added = new AtomicReference<>();
    clients.computeIfPresent(clientId, (id, c) -> {
      if (c.live().size() >= MAX_SECRETS) {
        return c;
      }
      LiveSecret fresh = new LiveSecret(Randoms.uuid(), value, now, null);
      added.set(fresh);
      List<LiveSecret> live = new ArrayList<>();
      live.add(fresh);
      live.addAll(c.live());
      return c.withLive(live);
    });
    return new Added(added.get());
  }

  /** What deleting a secret did. */
  enum Deleted {
    DELETED,
    /** The client has no secret with that UUID. */
    NOT_FOUND,
    /** It is the client's only secret, which is kept: a credential needs one. */
    ONLY_SECRET
  }

  /** Deletes the secret {@code uuid}, unless it is the client's only one. */
  Deleted deleteSecret(String clientId, String uuid) {
    AtomicReference<Deleted> outcome = new AtomicReference<>(Deleted.NOT_FOUND);
    clients.computeIfPresent(clientId, (id, c) -> {
      List<LiveSecret> live = new ArrayList<>(c.live());
      if (!live.removeIf(s -> s.uuid().equals(uuid))) {
        return c;
      }
      if (live.isEmpty()) {
        outcome.set(Deleted.ONLY_SECRET);
        return c;
      }
      outcome.set(Deleted.DELETED);
      return c.withLive(live);
    });
    return outcome.get();
  }

  Optional<Client> find(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  /** The client registered under Developer Console organisation {@code orgId} and {@code credentialId}. */
  Optional<Client> findCredential(String orgId, String credentialId) {
    return clients.values().stream()
        .filter(c -> c.orgId().equals(orgId) && c.credentialId().equals(credentialId))
        .findFirst();
  }

  int size() {
    return clients.size();
  }
}

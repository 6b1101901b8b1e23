package dev.fireflyauth.testkit;

import dev.fireflyauth.TimeSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what IMS answers to a parsed {@code client_credentials} token request: checks {@code grant_type},
 * the client ID, the client secret against the client's live secrets, and the requested scopes, then issues
 * a token or answers the IMS error ({@code invalid_request}, {@code unsupported_grant_type},
 * {@code invalid_client}, {@code invalid_scope}).
 *
 * <p>Why it exists: this is the protocol, kept apart from HTTP plumbing so each rule reads on its own. A
 * token remembers the scopes it was issued for, and the secret it was issued for is marked as used now (the
 * "last used" time the I/O Management API lists). Error descriptions never contain a secret. Thread-safe.
 */
final class ClientCredentialsGrant {
  static final String GRANT_TYPE = "client_credentials";

  private final ClientRegistry clients;
  private final TokenStore tokens;
  private final Duration expiresIn;
  private final TimeSource time;

  ClientCredentialsGrant(ClientRegistry clients, TokenStore tokens, Duration expiresIn, TimeSource time) {
    this.clients = clients;
    this.tokens = tokens;
    this.expiresIn = expiresIn;
    this.time = time;
  }

  Reply answer(Map<String, String> form) {
    String grant = form.getOrDefault("grant_type", "");
    if (grant.isEmpty()) {
      return Reply.error(400, "invalid_request", "missing grant_type parameter");
    }
    if (!grant.equals(GRANT_TYPE)) {
      return Reply.error(400, "unsupported_grant_type", "grant_type must be " + GRANT_TYPE);
    }
    String clientId = form.getOrDefault("client_id", "");
    if (clientId.isEmpty()) {
      return Reply.error(400, "invalid_request", "missing client_id parameter");
    }
    Optional<ClientRegistry.Client> client = clients.find(clientId);
    if (client.isEmpty()) {
      return Reply.error(401, "invalid_client", "invalid client_id parameter");
    }
    String secret = form.getOrDefault("client_secret", "");
    if (!client.get().hasSecret(secret)) {
      return Reply.error(401, "invalid_client", "invalid client_secret parameter");
    }
    List<String> requested = scopes(form.getOrDefault("scope", ""));
    if (requested.isEmpty()) {
      return Reply.error(400, "invalid_scope", "missing scope parameter");
    }
    for (String scope : requested) {
      if (!client.get().scopes().contains(scope)) {
        return Reply.error(400, "invalid_scope", "invalid scope (" + scope + ")");
      }
    }
    String token = tokens.issue(clientId, requested, expiresIn);
    clients.markUsed(clientId, secret, time.now());
    return Reply.ok(
        Json.object("access_token", token, "token_type", "bearer", "expires_in", expiresIn.getSeconds()));
  }

  /** IMS takes comma-separated scopes; RFC 6749 spaces. Both are accepted. */
  private static List<String> scopes(String raw) {
    return Arrays.stream(raw.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }
}

package dev.fireflyauth.testkit;

import dev.fireflyauth.TimeSource;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Decides what Adobe's I/O Management API answers about a credential's client secrets: who may ask (a valid
 * token this emulator issued, with scope {@value #REQUIRED_SCOPE}, sent with the {@code x-api-key} of the
 * client it was issued to, for that client's own credential), and what listing, adding and deleting secrets
 * return.
 *
 * <p>Why it exists: this is the protocol of {@code /console/organizations/{orgId}/credentials/{credentialId}/secrets},
 * kept apart from HTTP plumbing ({@link ConsoleEndpoint}) as the token grant is. Gateway errors (401, 403, 404)
 * come in the gateway's shape {@code {"error_code","message"}}; refusing a third secret comes in IMS's shape
 * {@code {"error","error_description"}}. No answer except a {@code POST}'s ever holds a secret value.
 * Thread-safe.
 */
final class ClientSecretsApi {
  /** The scope a token needs for every call: "add the I/O Management API to the project". */
  static final String REQUIRED_SCOPE = "manage_client_secrets";

  private static final System.Logger LOG = System.getLogger(ClientSecretsApi.class.getName());

  private final ClientRegistry clients;
  private final TokenStore tokens;
  private final TimeSource time;
  private volatile Consumer<ConsoleSecret> onAdded = s -> {};

  ClientSecretsApi(ClientRegistry clients, TokenStore tokens, TimeSource time) {
    this.clients = clients;
    this.tokens = tokens;
    this.time = time;
  }

  /** Runs {@code action} after each added secret, before the answer is sent. */
  void onSecretAdded(Consumer<ConsoleSecret> action) {
    this.onAdded = Objects.requireNonNull(action, "action");
  }

  /** One call: {@code uuid} is null for the collection ({@code GET}, {@code POST}). */
  record Call(String method, String bearerToken, String apiKey, String orgId, String credentialId, String uuid) {}

  Reply answer(Call call) {
    Optional<TokenStore.Issued> issued = tokens.find(call.bearerToken());
    if (issued.isEmpty()) {
      return gatewayError(401, "401013", "Oauth token is not valid");
    }
    if (call.apiKey() == null || call.apiKey().isEmpty()) {
      return gatewayError(403, "403000", "Api Key is required");
    }
    if (!call.apiKey().equals(issued.get().clientId())) {
      return gatewayError(403, "403003", "Api Key is invalid");
    }
    if (!issued.get().scopes().contains(REQUIRED_SCOPE)) {
      return gatewayError(403, "403025", "the access token lacks scope " + REQUIRED_SCOPE
          + ": add the I/O Management API to the project");
    }
    Optional<ClientRegistry.Client> credential = clients.findCredential(call.orgId(), call.credentialId());
    if (credential.isEmpty()) {
      return gatewayError(404, "404010", "credential not found in organization");
    }
    if (!credential.get().clientId().equals(issued.get().clientId())) {
      return gatewayError(403, "403027", "the access token may not manage this credential");
    }
    String clientId = credential.get().clientId();
    return switch (call.method()) {
      case "GET" -> list(credential.get());
      case "POST" -> add(clientId);
      default -> delete(clientId, call.uuid());
    };
  }

  private static Reply list(ClientRegistry.Client client) {
    StringJoiner items = new StringJoiner(",", "[", "]");
    for (ClientRegistry.LiveSecret s : client.live()) {
      items.add("{\"uuid\":" + Json.string(s.uuid())
          + ",\"created\":" + Json.string(s.created().toString())
          + ",\"last_used\":" + Json.string(s.lastUsed() == null ? null : s.lastUsed().toString()) + "}");
    }
    return Reply.ok("{\"client_secrets\":" + items + "}");
  }

  private Reply add(String clientId) {
    ClientRegistry.Added added = clients.addSecret(clientId, Randoms.clientSecret(), time.now());
    if (added.secret() == null) {
      return Reply.error(400, "max_client_secrets", "a credential has at most " + ClientRegistry.MAX_SECRETS
          + " client secrets; delete one first");
    }
    ClientRegistry.LiveSecret s = added.secret();
    try {
      onAdded.accept(new ConsoleSecret(s.uuid(), s.created(), Optional.empty()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "IMS emulator: the onSecretAdded action failed: " + e);
      return gatewayError(500, "500000", "the test's onSecretAdded action failed: " + e.getClass().getName());
    }
    return new Reply(201, "", Json.object("uuid", s.uuid(), "client_secret", s.value()), Map.of());
  }

  private Reply delete(String clientId, String uuid) {
    return switch (clients.deleteSecret(clientId, uuid)) {
      case DELETED -> new Reply(204, "", "", Map.of());
      case NOT_FOUND -> gatewayError(404, "404020", "client secret not found");
      case ONLY_SECRET -> Reply.error(400, "last_client_secret", "a credential must keep one client secret; add"
          + " another before deleting this one");
    };
  }

  /** An error in the API gateway's shape. */
  static Reply gatewayError(int status, String code, String message) {
    return new Reply(status, code, Json.object("error_code", code, "message", message), Map.of());
  }
}

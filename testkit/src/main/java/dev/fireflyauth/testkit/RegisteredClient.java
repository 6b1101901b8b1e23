package dev.fireflyauth.testkit;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import java.util.List;
import java.util.Objects;

/**
 * A credential registered with an {@link ImsEmulator}: what a test hands to the code under test (client ID,
 * client secret, the scopes the client may request).
 *
 * <p>Why it exists: tests need the exact values the emulator will accept, without making them up by hand.
 * {@link #toString()} never shows the secret, so a test log does not teach anyone a habit of printing
 * secrets. Immutable; after {@link ImsEmulator#rotateSecret} the emulator returns a new instance.
 */
public final class RegisteredClient {
  private final String clientId;
  private final String clientSecret;
  private final List<String> scopes;

  RegisteredClient(String clientId, String clientSecret, List<String> scopes) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.scopes = List.copyOf(scopes);
  }

  /** The client ID (API key); also the {@code x-api-key} header value. */
  public String clientId() {
    return clientId;
  }

  /** The client secret (the newest live one when this instance was made). */
  public String clientSecret() {
    return clientSecret;
  }

  /** The scopes this client may request. */
  public List<String> scopes() {
    return scopes;
  }

  /** These values as {@link ClientCredentials}, origin {@code ims-emulator}, for code that takes them directly. */
  public ClientCredentials credentials() {
    return ClientCredentials.builder()
        .clientId(clientId)
        .addSecret(Secret.of(clientSecret))
        .scopes(scopes)
        .origin("ims-emulator")
        .build();
  }

  /** Client ID and scopes; never the secret. */
  @Override
  public String toString() {
    return "RegisteredClient[clientId=" + clientId + ", scopes=" + String.join(",", scopes) + "]";
  }
}

package dev.fireflyauth.testkit;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import java.util.List;
import java.util.Objects;

/**
 * A credential registered with an {@link ImsEmulator}: what a test hands to the code under test (client ID,
 * client secret, the scopes the client may request, and the Developer Console organisation and credential IDs
 * under which the emulator's I/O Management API manages its secrets).
 *
 * <p>Why it exists: tests need the exact values the emulator will accept, without making them up by hand.
 * {@link #toString()} never shows the secret, so a test log does not teach anyone a habit of printing
 * secrets. Immutable; after {@link ImsEmulator#rotateSecret} the emulator returns a new instance.
 */
public final class RegisteredClient {
  private final String clientId;
  private final String clientSecret;
  private final List<String> scopes;
  private final String orgId;
  private final String credentialId;

  /** Values to send that the emulator may not know (tests of rejections); no Console IDs. */
  RegisteredClient(String clientId, String clientSecret, List<String> scopes) {
    this(clientId, clientSecret, scopes, "", "");
  }

  RegisteredClient(String clientId, String clientSecret, List<String> scopes, String orgId, String credentialId) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.scopes = List.copyOf(scopes);
    this.orgId = Objects.requireNonNull(orgId, "orgId");
    this.credentialId = Objects.requireNonNull(credentialId, "credentialId");
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

  /**
   * The Developer Console organisation ID (numeric) the credential belongs to: the {@code {orgId}} of
   * {@code /console/organizations/{orgId}/credentials/{credentialId}/secrets} and {@code FIREFLY_CONSOLE_ORG_ID}.
   */
  public String orgId() {
    return orgId;
  }

  /** The Developer Console credential ID (numeric): the {@code {credentialId}} of that path and {@code FIREFLY_CREDENTIAL_ID}. */
  public String credentialId() {
    return credentialId;
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

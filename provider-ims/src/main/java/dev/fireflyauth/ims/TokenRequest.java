package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import java.time.Duration;

/**
 * One request for a token with one client credential and one of its secrets, within a time budget: the seam
 * between the HTTP POST ({@link ImsTokenRequest}) and the policies above it ({@link RetryPolicy}, then
 * {@link SecretRotation}), so each can be read and tested on its own.
 */
@FunctionalInterface
interface TokenRequest {

  /**
   * @param budget the longest this call may take, whole reply included; an attempt never outlives it
   * @throws dev.fireflyauth.FireflyAuthException typed by kind: rejected, broken configuration or transient
   */
  AccessToken request(ClientCredentials credentials, Secret secret, Duration budget);
}

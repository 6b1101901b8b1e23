package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import java.time.Duration;

/**
 * One way of turning a client credential and one of its secrets into a token: a single POST, or a policy
 * (retries) around another exchange. Lets the retry and rotation policies be composed and tested separately.
 */
@FunctionalInterface
interface Exchange {

  /**
   * @param budget the longest this call may take, whole reply included; an attempt never outlives it
   * @throws dev.fireflyauth.FireflyAuthException typed by kind: rejected, broken configuration or transient
   */
  AccessToken exchange(ClientCredentials credentials, Secret secret, Duration budget);
}

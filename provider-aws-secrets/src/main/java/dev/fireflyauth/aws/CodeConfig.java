package dev.fireflyauth.aws;

import java.net.URI;

/**
 * What an embedder fixed in code with {@link AwsSecretsCredentialSource#builder()}: a region and endpoint for
 * the clients we build, or the region of the application's own client.
 *
 * <p>Why it exists: {@link SecretLocation#read} weighs these against the locator and the settings with one
 * rule: the locator and an ARN name the secret's own region and win; values given in code win over settings;
 * an application's client cannot be sent elsewhere, so its region is checked, not overridden. Immutable.
 *
 * @param region the region for our clients, or the application client's region; null when not fixed
 * @param endpoint the endpoint override for our clients; null for the setting or the public endpoint
 * @param appClient true when the application gave its own client (region and endpoint are that client's)
 */
record CodeConfig(String region, URI endpoint, boolean appClient) {
  /** Nothing fixed in code: the discovered source. */
  static final CodeConfig NONE = new CodeConfig(null, null, false);

  /** How messages name the application's client. */
  static final String APP_CLIENT = "the application's SecretsManagerClient (AwsSecretsCredentialSource.builder().client(…))";
}

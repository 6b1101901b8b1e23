package dev.fireflyauth.aws;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.time.Duration;

/**
 * How long one Secrets Manager call may take: each HTTP attempt, and the whole call with the SDK's retries.
 *
 * <p>Why it exists: without them a Secrets Manager (or a proxy) that sends the headers and then stalls or
 * trickles the body holds a load, and every caller waiting on it, for as long as the socket stays open. Both
 * are set on every request we send, also on an application's own client, so they hold whatever client is used.
 *
 * @param call the whole call, retries and back-off included ({@link #CALL})
 * @param attempt one HTTP attempt, body included ({@link #ATTEMPT})
 */
record CallTimeouts(Duration call, Duration attempt) {
  /** The whole call, retries included. */
  static final Setting CALL = Setting.of("firefly.aws.timeout", "FIREFLY_AWS_TIMEOUT");
  /** One attempt. */
  static final Setting ATTEMPT = Setting.of("firefly.aws.attempt.timeout", "FIREFLY_AWS_ATTEMPT_TIMEOUT");

  static final Duration DEFAULT_CALL = Duration.ofSeconds(30);
  static final Duration DEFAULT_ATTEMPT = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofHours(1);

  // Written out: part of SecretLocation's equality, and a generated record equals pins the class loader.
  @Override
  public boolean equals(Object o) {
    return o instanceof CallTimeouts t && call.equals(t.call) && attempt.equals(t.attempt);
  }

  @Override
  public int hashCode() {
    return call.hashCode() * 31 + attempt.hashCode();
  }

  /**
   * Reads both settings.
   *
   * @throws CredentialSourceException naming the setting when it is not a positive duration of at most an hour
   */
  static CallTimeouts from(Settings settings) {
    return new CallTimeouts(read(settings, CALL, DEFAULT_CALL), read(settings, ATTEMPT, DEFAULT_ATTEMPT));
  }

  private static Duration read(Settings settings, Setting setting, Duration fallback) {
    try {
      return settings.duration(setting, fallback, Duration.ofMillis(1), MAX);
    } catch (ConfigurationException e) {
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME, e.getMessage());
    }
  }

  /** {@code attempt 10 s, call 30 s}: for messages after a timeout, naming the settings to raise. */
  String describe() {
    return "each attempt at most " + seconds(attempt) + " (" + ATTEMPT + "), the call with retries at most "
        + seconds(call) + " (" + CALL + ")";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }
}

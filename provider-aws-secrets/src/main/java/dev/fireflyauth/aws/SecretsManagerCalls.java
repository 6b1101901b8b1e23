package dev.fireflyauth.aws;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;

/**
 * The two calls this module makes to Secrets Manager, {@code GetSecretValue} and {@code PutSecretValue}, and
 * the mapping of a value to credentials.
 *
 * <p>Why it exists: it is the only place that talks to Secrets Manager, so the request shapes, the timeouts set
 * on every request (they hold on an application's client too), the error translation and the field mapping
 * (the shared {@link dev.fireflyauth.spi.CredentialFields}) meet here once. Only SDK API present since 2.20.
 */
final class SecretsManagerCalls {
  private static final System.Logger LOG = System.getLogger(SecretsManagerCalls.class.getName());

  private SecretsManagerCalls() {}

  /** Loads the credentials {@code location} names. */
  static ClientCredentials fetch(OpenClient c, SecretLocation location) {
    SecretValue value = get(c, location, List.of());
    String where = location.describe(c.region());
    return location.fields().toCredentials(value.fields(), AwsSecretsCredentialSource.NAME, "secret " + where,
        AwsSecretsCredentialSource.NAME + " " + where);
  }

  /**
   * The value of the version {@code location} names.
   *
   * @param known secrets an echoing endpoint must not get into a message
   */
  static SecretValue get(OpenClient c, SecretLocation location, Collection<Secret> known) {
    GetSecretValueRequest.Builder request = GetSecretValueRequest.builder()
        .secretId(location.secretId())
        .overrideConfiguration(timeouts(location));
    if (location.stage() != null) {
      request.versionStage(location.stage());
    }
    if (location.versionId() != null) {
      request.versionId(location.versionId());
    }
    String where = location.describe(c.region());
    LOG.log(Level.DEBUG, () -> "fetching secret " + where + " from " + c.endpointText());
    GetSecretValueResponse response;
    try {
      response = c.client().getSecretValue(request.build());
    } catch (SdkException e) {
      throw AwsErrors.translate(e, c, location, AwsErrors.Operation.READ, known);
    }
    return SecretJson.read(response, "secret " + where);
  }

  /**
   * Stores {@code json} as a new version of the secret; AWS stages it {@code AWSCURRENT} and moves the
   * previous current version to {@code AWSPREVIOUS}.
   *
   * @param binary store it as {@code SecretBinary} (UTF-8) instead of {@code SecretString}
   * @param known the secrets inside {@code json}, which an echoing endpoint must not get into a message
   */
  static void put(OpenClient c, SecretLocation location, String json, boolean binary, Collection<Secret> known) {
    PutSecretValueRequest.Builder request = PutSecretValueRequest.builder()
        .secretId(location.secretId())
        .overrideConfiguration(timeouts(location));
    if (binary) {
      request.secretBinary(SdkBytes.fromUtf8String(json));
    } else {
      request.secretString(json);
    }
    String where = location.describe(c.region());
    LOG.log(Level.DEBUG, () -> "writing a new version of secret " + where + " to " + c.endpointText());
    try {
      c.client().putSecretValue(request.build());
    } catch (SdkException e) {
      throw AwsErrors.translate(e, c, location, AwsErrors.Operation.WRITE, known);
    }
  }

  private static AwsRequestOverrideConfiguration timeouts(SecretLocation location) {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(location.timeouts().call())
        .apiCallAttemptTimeout(location.timeouts().attempt())
        .build();
  }
}

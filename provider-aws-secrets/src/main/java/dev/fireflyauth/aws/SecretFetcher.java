package dev.fireflyauth.aws;

import dev.fireflyauth.ClientCredentials;
import java.lang.System.Logger.Level;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One {@code GetSecretValue} call and the mapping of its answer to credentials.
 *
 * <p>Why it exists: it is the only place that talks to Secrets Manager, so the request shape, the error
 * translation and the field mapping (the shared {@link dev.fireflyauth.spi.CredentialFields}) meet here once.
 */
final class SecretFetcher {
  private static final System.Logger LOG = System.getLogger(SecretFetcher.class.getName());

  private SecretFetcher() {}

  static ClientCredentials fetch(Connection c, SecretLocation location) {
    GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(location.secretId());
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
      throw AwsErrors.translate(e, c, location);
    }
    return location.fields().toCredentials(
        SecretJson.fields(response, "secret " + where),
        AwsSecretsCredentialSource.NAME,
        "secret " + where,
        AwsSecretsCredentialSource.NAME + " " + where);
  }
}

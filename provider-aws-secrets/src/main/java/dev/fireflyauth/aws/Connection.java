package dev.fireflyauth.aws;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An open client together with what messages say about it: the resolved region and the endpoint.
 *
 * @param endpoint the endpoint override, or null for the region's public endpoint
 */
record Connection(SecretsManagerClient client, String region, URI endpoint) {

  /** The endpoint as messages show it. */
  String endpointText() {
    return endpoint != null
        ? endpoint.toString()
        : "the public Secrets Manager endpoint of " + region;
  }

  /**
   * The AWS access key ID the client signs with (never the secret access key), for error messages. The
   * provider usually answers from its cache; one that would have to ask a metadata service is given a
   * moment, not a hang, since this runs only to word an error.
   */
  String accessKeyId() {
    try {
      return client.serviceClientConfiguration().credentialsProvider().resolveIdentity()
          .get(500, TimeUnit.MILLISECONDS).accessKeyId();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(unknown)";
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return "(unknown)";
    }
  }
}

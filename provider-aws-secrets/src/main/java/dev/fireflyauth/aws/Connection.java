package dev.fireflyauth.aws;

import java.net.URI;
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

  /** The AWS access key ID the client signs with (never the secret access key), for error messages. */
  String accessKeyId() {
    try {
      return client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join().accessKeyId();
    } catch (RuntimeException e) {
      return "(unknown)";
    }
  }
}

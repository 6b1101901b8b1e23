package dev.fireflyauth.aws;

import java.net.URI;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An open client together with what messages say about it: the resolved region, the endpoint and the AWS
 * identity it signs with.
 *
 * @param endpoint the endpoint override, or null for the region's public endpoint (or an application
 *     client's own)
 */
record OpenClient(SecretsManagerClient client, String region, URI endpoint, AwsIdentity identity) {

  /** The endpoint as messages show it. */
  String endpointText() {
    return endpoint != null
        ? endpoint.toString()
        : "the public Secrets Manager endpoint of " + region;
  }
}

package dev.fireflyauth.admin;

import java.util.Objects;

/**
 * Which Developer Console credential the I/O Management API is asked about: the organisation ID and the
 * credential ID in {@code /console/organizations/{orgId}/credentials/{credentialId}/secrets}, each with where
 * it was read.
 *
 * <p>Why it exists: both IDs come from settings or from the project JSON the Console downloads, and every
 * message about a missing credential or a refused call must say which IDs were used and where they came from,
 * so the user can fix the right one. Immutable.
 *
 * @param orgId the numeric Developer Console organisation ID (not the {@code …@AdobeOrg} IMS org ID)
 * @param orgIdFrom where it was read, e.g. {@code environment variable FIREFLY_CONSOLE_ORG_ID}
 * @param credentialId the Developer Console credential ID
 * @param credentialIdFrom where it was read
 */
public record ConsoleCredential(String orgId, String orgIdFrom, String credentialId, String credentialIdFrom) {
  public ConsoleCredential {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(orgIdFrom, "orgIdFrom");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(credentialIdFrom, "credentialIdFrom");
  }

  /** {@code credential 123456 (org 654321)}: how messages name it. */
  public String describe() {
    return "credential " + credentialId + " (org " + orgId + ")";
  }

  /** {@code credential 123456 (from …) in org 654321 (from …)}: for messages that ask the user to check the IDs. */
  public String describeWithOrigins() {
    return "credential " + credentialId + " (" + credentialIdFrom + ") in org " + orgId + " (" + orgIdFrom + ")";
  }
}

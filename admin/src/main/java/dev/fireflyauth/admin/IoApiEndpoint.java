package dev.fireflyauth.admin;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.support.Endpoints;
import java.net.URI;
import java.util.Optional;

/**
 * Where the I/O Management API is: {@code FIREFLY_IO_API_URL} (default {@value SecretsAdmin#DEFAULT_IO_API_URL}),
 * checked once, before any call: https unless the host is loopback (an emulator), no user info, no query.
 *
 * <p>Why it exists: every call carries an access token that may manage the credential's secrets, and every
 * message about a call names the URL and the setting it came from. Immutable.
 *
 * @param base the API's base URL, without a trailing slash
 * @param from where it was read, for messages
 */
record IoApiEndpoint(URI base, String from) {

  /**
   * @throws ConfigurationException naming the setting and where it was read
   */
  static IoApiEndpoint from(Settings settings) {
    Optional<Settings.Value> v = settings.get(SecretsAdmin.IO_API_URL);
    if (v.isEmpty()) {
      return new IoApiEndpoint(URI.create(SecretsAdmin.DEFAULT_IO_API_URL), "the default");
    }
    String where = v.get().where() + " (" + SecretsAdmin.IO_API_URL + ")";
    URI uri = Endpoints.requireSecure(v.get().value(), where, SecretsAdmin.DEFAULT_IO_API_URL,
        "an access token that may manage the credential's secrets");
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigurationException(where + " must be the API's base URL such as "
          + SecretsAdmin.DEFAULT_IO_API_URL + ", without a query or fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return new IoApiEndpoint(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path), where);
  }

  /** {@code {base}/console/organizations/{orgId}/credentials/{credentialId}/secrets}. */
  URI secrets(ConsoleCredential c) {
    return URI.create(base + "/console/organizations/" + c.orgId()
        + "/credentials/" + c.credentialId() + "/secrets");
  }

  /** {@code …/secrets/{uuid}}; the caller checked the UUID's characters. */
  URI secret(ConsoleCredential c, String uuid) {
    return URI.create(secrets(c) + "/" + uuid);
  }
}

package dev.fireflyauth.agent;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.support.Endpoints;
import java.net.URI;
import java.util.Optional;

/**
 * Where the agent is: its base URL as the user wrote it and the token URL derived from it, checked before any
 * connection is made.
 *
 * <p>Why it exists: the agent token travels with every request, so the URL must be {@code https}, or plain
 * {@code http} to a loopback host only ({@link Endpoints#requireSecure}); a query or fragment would be lost
 * when {@code /v1/token} is appended, so it is refused rather than dropped. Immutable.
 *
 * @param base the base URL without a trailing slash, e.g. {@code http://127.0.0.1:8719}
 * @param tokenUri {@code base + /v1/token}
 * @param where how messages name the setting, e.g. {@code environment variable FIREFLY_AGENT_URL}
 */
record AgentEndpoint(String base, URI tokenUri, String where) {
  private static final String EXAMPLE = "https://agent.example:8719 (or " + AgentProtocol.DEFAULT_URL + " on loopback)";

  /**
   * Reads {@link AgentTokenProviderFactory#URL}; empty when it is not set.
   *
   * @throws ConfigurationException naming the setting and where it was read
   */
  static Optional<AgentEndpoint> from(Settings settings) {
    Optional<Settings.Value> v = settings.get(AgentTokenProviderFactory.URL);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String where = v.get().where() + " (" + AgentTokenProviderFactory.URL + ")";
    URI uri = Endpoints.requireSecure(v.get().value(), where, EXAMPLE, "the agent token");
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigurationException(where + " must be the agent's base URL such as " + AgentProtocol.DEFAULT_URL
          + ", without a query or fragment (" + AgentProtocol.TOKEN_PATH + " is appended to it)");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    String authority = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority();
    String base = authority + path;
    return Optional.of(new AgentEndpoint(base, URI.create(base + AgentProtocol.TOKEN_PATH), v.get().where()));
  }

  @Override
  public String toString() {
    return base;
  }
}

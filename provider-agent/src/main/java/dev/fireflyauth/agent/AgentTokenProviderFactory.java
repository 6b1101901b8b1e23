package dev.fireflyauth.agent;

import com.google.auto.service.AutoService;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.cache.TokenCache;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes tokens from a {@code firefly-auth serve} agent when {@code FIREFLY_AGENT_URL} is set: the application
 * then holds no client ID and no client secret, only the agent token (read from
 * {@code FIREFLY_AGENT_TOKEN_FILE} on every request, so it can rotate).
 *
 * <p>Why it exists: a sidecar that holds the secret and hands out short-lived tokens (like Vault Agent or the
 * ECS container-credentials endpoint) keeps the secret out of the application process. The token carries the
 * client ID the agent's credentials have, so {@code FireflyAuth.headers()} sends it as {@code x-api-key} without
 * resolving credentials. Tokens are cached with the same {@link TokenCache} as IMS tokens (proactive refresh,
 * single flight, stale on error) with the application's listener and executor; no token store is used (the
 * agent is the shared tier).
 *
 * <p>Order 150: after a ready-made {@code FIREFLY_SERVICES_ACCESS_TOKEN} (100), before the IMS exchange (200),
 * so setting the agent's URL is enough to stop a process from exchanging secrets it might also see.
 * Immutable and thread-safe; building a provider makes no connection and starts no thread.
 */
@AutoService(TokenProviderFactory.class)
public final class AgentTokenProviderFactory implements TokenProviderFactory {
  /** The agent's base URL, e.g. {@code http://127.0.0.1:8719}; {@code /v1/token} is appended. */
  public static final Setting URL = Setting.of("firefly.agent.url", "FIREFLY_AGENT_URL");
  /** The file holding the agent token; see {@link AgentTokenFile} for the default. */
  public static final Setting TOKEN_FILE = Setting.of("firefly.agent.token.file", "FIREFLY_AGENT_TOKEN_FILE");

  /** The name of this provider in traces, and of the agent's own guard that replaces it. */
  public static final String NAME = "agent";
  /** Position in the token chain. */
  public static final int ORDER = 150;

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The agent may itself be exchanging with IMS (which it may retry for 30 s) before it answers. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);

  private final Duration connectTimeout;
  private final Duration requestTimeout;

  /** For {@link java.util.ServiceLoader}. */
  public AgentTokenProviderFactory() {
    this(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  AgentTokenProviderFactory(Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public Optional<TokenProvider> create(TokenContext context) {
    Optional<AgentEndpoint> endpoint = AgentEndpoint.from(context.settings());
    if (endpoint.isEmpty()) {
      return context.notConfigured(URL + " is not set");
    }
    AgentTokenFile tokenFile = AgentTokenFile.locate(context.settings());
    AgentExchange exchange = new AgentExchange(endpoint.get(), tokenFile,
        new AgentReply(endpoint.get(), context.time()), context.settings(), connectTimeout, requestTimeout);
    TokenCache.Builder cache = TokenCache.builder(exchange)
        .timeSource(context.time())
        .threadName("firefly-auth-agent-refresh")
        .listener(context.listener())
        .closing(exchange); // cancels a request in flight, closes the HTTP client
    context.executor().ifPresent(cache::executor);
    context.usedBecause("tokens from the agent at " + endpoint.get().base() + " (agent token in "
        + tokenFile.path() + ")");
    return Optional.of(cache.build());
  }

  @Override
  public String toString() {
    return "AgentTokenProviderFactory{connect " + connectTimeout.toMillis() + " ms, request "
        + requestTimeout.toMillis() + " ms}";
  }
}

package dev.fireflyauth.cli.serve;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.agent.AgentTokenProviderFactory;
import dev.fireflyauth.cli.CliHost;
import dev.fireflyauth.cache.TokenCacheListener;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.util.Optional;

/**
 * The agent's own {@link FireflyAuth}: the normal credential and token chains on the CLI's settings, with the
 * CLI's file token store unless {@code FIREFLY_TOKEN_STORE} says otherwise (a restarted agent then reuses its
 * token), and the agent's metrics as listener.
 *
 * <p>Why it exists: the agent must never take its tokens from an agent (itself, through a
 * {@code FIREFLY_AGENT_URL} inherited from its environment, would be a loop; another agent would hide where its
 * secret is). The {@code agent} token provider is therefore replaced by {@link NotFromAnAgent}, which never applies.
 */
final class AgentAuth {
  private AgentAuth() {}

  static FireflyAuth build(Settings settings, TokenCacheListener listener) {
    FireflyAuth.Builder b = FireflyAuth.builder()
        .settings(settings)
        .listener(listener)
        .addTokenProviderFactory(new NotFromAnAgent());
    if (settings.get(Setting.TOKEN_STORE).isEmpty()) {
      b.tokenStore(CliHost.DEFAULT_STORE);
    }
    return b.build();
  }

  /** Takes the place of the {@code agent} token provider in the agent itself, and never applies. */
  static final class NotFromAnAgent implements TokenProviderFactory {
    @Override
    public String name() {
      return AgentTokenProviderFactory.NAME;
    }

    @Override
    public int order() {
      return AgentTokenProviderFactory.ORDER;
    }

    @Override
    public Optional<TokenProvider> create(TokenContext context) {
      return context.notConfigured("this process is the agent (firefly-auth serve): it exchanges credentials itself"
          + " and never takes tokens from an agent");
    }
  }
}

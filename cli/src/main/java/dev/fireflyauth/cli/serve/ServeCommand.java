package dev.fireflyauth.cli.serve;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.agent.AgentProtocol;
import dev.fireflyauth.agent.AgentTokenFile;
import dev.fireflyauth.cli.CliHost;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code firefly-auth serve}: a token agent. It resolves credentials through the normal chain, keeps one token
 * fresh, and hands it to local processes that present the agent token, so they never see the client secret.
 *
 * <p>Why it exists: a sidecar that holds the secret (like Vault Agent, the GCE metadata server or the ECS
 * credentials endpoint) is the usual way to keep secrets out of application processes; applications point
 * {@code FIREFLY_AGENT_URL} and {@code FIREFLY_AGENT_TOKEN_FILE} at it. It listens on loopback only unless
 * {@code --allow-remote}; it prints one startup line on stderr (never the agent token), and stops cleanly (exit
 * 0) on SIGTERM or SIGINT.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run a token agent: hand out access tokens over HTTP on loopback to processes that present the"
        + " agent token, so they never see the client secret.",
        "Endpoints: GET /v1/token, GET /v1/health (no agent token needed), GET /metrics (Prometheus)."})
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand Object parent;
  @Spec CommandSpec spec;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = ListenAddress.DEFAULT,
      description = "Address to listen on (default: ${DEFAULT-VALUE}); loopback only unless --allow-remote.")
  String listen;

  @Option(names = "--auth-token-file", paramLabel = "FILE",
      description = "File holding the agent token, created (0600, 32 random bytes) if missing. Default:"
          + " FIREFLY_AGENT_TOKEN_FILE, else $XDG_RUNTIME_DIR/firefly-auth/agent-token, else"
          + " ~/.config/firefly-auth/agent-token.")
  Path tokenFile;

  @Option(names = "--allow-remote",
      description = "Allow a non-loopback --listen address (the agent token then travels in clear text over http).")
  boolean allowRemote;

  /** Read by the CLI's error handler, as for every verb. */
  @Option(names = "--verbose", description = "On error, also print the cause chain.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"},
      description = "Hide the library's warnings (the startup line and the --allow-remote warning stay).")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    CliHost host = CliHost.of(parent);
    host.startLogging(quiet);
    PrintStream err = host.err();
    ListenAddress address;
    try {
      address = ListenAddress.parse(listen).requireAllowed(allowRemote);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    AgentTokenFile file = tokenFile != null
        ? AgentTokenFile.of(tokenFile, "--auth-token-file")
        : AgentTokenFile.locate(host.settings());
    AgentTokenGuard guard = AgentTokenGuard.open(file, new SecureRandom());
    TimeSource time = TimeSource.system();
    AgentMetrics metrics = new AgentMetrics(time);
    try (FireflyAuth auth = AgentAuth.build(host.settings(), metrics)) {
      AgentTokens tokens = new AgentTokens(auth);
      try (AgentServer server = start(address, router(tokens, guard, metrics, time))) {
        if (!address.loopback()) {
          err.println("warning: firefly-auth serve listens on " + address.host() + ", which is not loopback"
              + " (--allow-remote): the agent token and the tokens travel in clear text over http; keep it on a"
              + " private network or behind TLS");
        }
        // Only now: a signal during start-up keeps the JVM's default, and a refused start leaves no handler behind.
        StopSignal stop = StopSignal.install();
        err.println("firefly-auth serve: listening on " + address.url(server.port()) + ", agent token in "
            + file.path().toAbsolutePath() + (guard.created() ? " (created)" : ""));
        tokens.warmUp();
        err.println("firefly-auth serve: stopping (" + stop.await() + ")");
      }
    }
    return 0;
  }

  /** The agent's three paths: token and metrics behind the agent token, health open. */
  static Router router(AgentTokens tokens, AgentTokenGuard guard, AgentMetrics metrics, TimeSource time) {
    return new Router(Map.of(
        AgentProtocol.TOKEN_PATH, new Router.Route(new TokenEndpoint(tokens, time), true),
        AgentProtocol.HEALTH_PATH, new Router.Route(new HealthEndpoint(tokens), false),
        AgentProtocol.METRICS_PATH, new Router.Route(new MetricsEndpoint(metrics), true)), guard, metrics);
  }

  private static AgentServer start(ListenAddress address, Router router) {
    try {
      return AgentServer.start(address.bindAddress(), router);
    } catch (BindException e) {
      throw new ConfigurationException("--listen " + address.text() + ": cannot listen there ("
          + (e.getMessage() == null ? "address in use" : e.getMessage()) + "); is another agent running?", e);
    } catch (IOException e) {
      throw new ConfigurationException("--listen " + address.text() + ": cannot listen there ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }
}

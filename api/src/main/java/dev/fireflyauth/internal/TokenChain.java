package dev.fireflyauth.internal;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.TraceEntry.Outcome;
import dev.fireflyauth.TraceEntry.Stage;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Asks token provider factories in order for a provider; the first that applies wins. */
public final class TokenChain {
  private final List<TokenProviderFactory> factories;
  private final List<TraceEntry> loadFailures;

  public TokenChain(List<TokenProviderFactory> factories, List<TraceEntry> loadFailures) {
    List<TokenProviderFactory> sorted = new ArrayList<>(factories);
    sorted.sort(Comparator.comparingInt(TokenProviderFactory::order).thenComparing(TokenProviderFactory::name));
    this.factories = List.copyOf(sorted);
    this.loadFailures = List.copyOf(loadFailures);
  }

  /**
   * Builds the provider, appending to {@code traceOut}.
   *
   * @throws ConfigurationException when no factory applies
   */
  public TokenProvider create(
      Settings settings, TimeSource time, Executor executor, CredentialsHandle credentials,
      List<TraceEntry> traceOut) {
    Trace trace = new Trace();
    trace.addAll(loadFailures);
    try {
      for (TokenProviderFactory f : factories) {
        Context ctx = new Context(settings, time, executor, credentials);
        Optional<TokenProvider> p;
        try {
          p = f.create(ctx);
        } catch (FireflyAuthException e) {
          // No credentials is not the factory's fault: it had nothing to work with.
          Outcome outcome = e.kind() == FireflyAuthException.Kind.NOT_FOUND ? Outcome.SKIPPED : Outcome.of(e);
          String reason = outcome == Outcome.SKIPPED ? "no client credentials found" : e.getMessage();
          trace.add(new TraceEntry(Stage.TOKEN, f.name(), outcome, reason, null, List.of()));
          throw e;
        }
        if (p.isPresent()) {
          trace.add(new TraceEntry(Stage.TOKEN, f.name(), Outcome.USED, "provides the access token", null, List.of()));
          return p.get();
        }
        trace.add(new TraceEntry(Stage.TOKEN, f.name(), Outcome.SKIPPED, ctx.reason, null, List.of()));
      }
      throw new ConfigurationException(
          factories.isEmpty()
              ? "no token provider found on the class path: add firefly-auth-provider-ims"
              : "no token provider applies here: " + trace.summary());
    } finally {
      traceOut.addAll(trace.entries());
    }
  }

  private static final class Context implements TokenContext {
    private final Settings settings;
    private final TimeSource time;
    private final Executor executor;
    private final CredentialsHandle credentials;
    private String reason = "not configured";

    Context(Settings settings, TimeSource time, Executor executor, CredentialsHandle credentials) {
      this.settings = settings;
      this.time = time;
      this.executor = executor;
      this.credentials = credentials;
    }

    @Override
    public Settings settings() {
      return settings;
    }

    @Override
    public TimeSource time() {
      return time;
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.ofNullable(executor);
    }

    @Override
    public CredentialsHandle credentials() {
      return credentials;
    }

    @Override
    public Optional<TokenProvider> notConfigured(String reason) {
      this.reason = reason;
      return Optional.empty();
    }
  }
}

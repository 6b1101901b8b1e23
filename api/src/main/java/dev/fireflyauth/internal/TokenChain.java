package dev.fireflyauth.internal;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.TraceEntry.Outcome;
import dev.fireflyauth.TraceEntry.Stage;
import dev.fireflyauth.cache.SharedTier;
import dev.fireflyauth.cache.TokenCacheListener;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import dev.fireflyauth.spi.support.MissingDependency;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** Asks token provider factories in order for a provider; the first that applies wins. */
public final class TokenChain {
  private final List<TokenProviderFactory> factories;
  private final List<TraceEntry> loadFailures;

  /** What every factory is given: the {@link TokenContext} minus the per-factory skip reason. */
  public record Services(
      Settings settings,
      TimeSource time,
      Executor executor,
      CredentialsHandle credentials,
      TokenCacheListener listener,
      BiFunction<URI, Duration, Optional<SharedTier>> sharedTier,
      Consumer<String> warn) {}

  public TokenChain(List<TokenProviderFactory> factories, List<TraceEntry> loadFailures) {
    List<TokenProviderFactory> sorted = new ArrayList<>(factories);
    sorted.sort(Comparator.comparingInt(TokenProviderFactory::order).thenComparing(TokenProviderFactory::name));
    this.factories = List.copyOf(sorted);
    this.loadFailures = List.copyOf(loadFailures);
  }

  /**
   * Builds the provider, appending to {@code traceOut}.
   *
   * @throws ConfigurationException when no factory applies, or one cannot run (a missing dependency)
   */
  public TokenProvider create(Services services, List<TraceEntry> traceOut) {
    Trace trace = new Trace();
    trace.addAll(loadFailures);
    try {
      Optional<TokenProvider> provider = ChainRunner.firstOf(factories, Stage.TOKEN, "token provider",
          TokenProviderFactory::name, (f, t) -> attempt(f, services, t), trace);
      if (provider.isPresent()) {
        return provider.get();
      }
      throw new ConfigurationException(
          factories.isEmpty()
              ? "no token provider found on the class path: add firefly-auth-provider-ims"
              : "no token provider applies here: " + trace.summary());
    } finally {
      traceOut.addAll(trace.entries());
    }
  }

  private static Optional<TokenProvider> attempt(TokenProviderFactory f, Services services, Trace trace) {
    Context ctx = new Context(services);
    Optional<TokenProvider> p;
    try {
      p = create(f, ctx);
    } catch (FireflyAuthException e) {
      // No credentials is not the factory's fault: it had nothing to work with.
      Outcome outcome = e.kind() == FireflyAuthException.Kind.NOT_FOUND ? Outcome.SKIPPED : Outcome.of(e);
      String reason = outcome == Outcome.SKIPPED ? "no client credentials found" : e.getMessage();
      trace.add(new TraceEntry(Stage.TOKEN, f.name(), outcome, reason, null, List.of()));
      throw e;
    }
    trace.add(p.isPresent()
        ? new TraceEntry(Stage.TOKEN, f.name(), Outcome.USED, ctx.used, null, List.of())
        : new TraceEntry(Stage.TOKEN, f.name(), Outcome.SKIPPED, ctx.reason, null, List.of()));
    return p;
  }

  private static Optional<TokenProvider> create(TokenProviderFactory f, Context ctx) {
    try {
      return f.create(ctx);
    } catch (LinkageError e) {
      throw MissingDependency.broken("token provider '" + f.name() + "'", e);
    }
  }

  private static final class Context implements TokenContext {
    private final Services services;
    private String reason = "not configured";
    private String used = "provides the access token";

    Context(Services services) {
      this.services = services;
    }

    @Override
    public Settings settings() {
      return services.settings();
    }

    @Override
    public TimeSource time() {
      return services.time();
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.ofNullable(services.executor());
    }

    @Override
    public CredentialsHandle credentials() {
      return services.credentials();
    }

    @Override
    public TokenCacheListener listener() {
      return services.listener();
    }

    @Override
    public Optional<SharedTier> sharedTier(URI issuer, Duration maxWait) {
      return services.sharedTier().apply(issuer, maxWait);
    }

    @Override
    public void warn(String message) {
      services.warn().accept(message);
    }

    @Override
    public void usedBecause(String reason) {
      this.used = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Optional<TokenProvider> notConfigured(String reason) {
      this.reason = reason;
      return Optional.empty();
    }
  }
}

package dev.fireflyauth;

import dev.fireflyauth.cache.TokenCacheListener;
import dev.fireflyauth.internal.AsyncThreads;
import dev.fireflyauth.internal.CredentialChain;
import dev.fireflyauth.internal.Discovery;
import dev.fireflyauth.internal.Providers;
import dev.fireflyauth.internal.Resolver;
import dev.fireflyauth.internal.StoreHolder;
import dev.fireflyauth.internal.TokenChain;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.TokenProviderFactory;
import dev.fireflyauth.spi.TokenStore;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The entry point, like JDBC's {@code DriverManager} but without global state: finds credential sources and
 * token providers with {@link java.util.ServiceLoader}, resolves credentials through the chain, and hands out
 * tokens and the two Firefly request headers.
 *
 * <pre>{@code
 * try (FireflyAuth auth = FireflyAuth.create()) {
 *   HttpRequest request = auth.applyTo(HttpRequest.newBuilder(uri)).POST(body).build();
 * }
 * }</pre>
 *
 * <p>Each instance discovers its own providers when built (never in a static initialiser) and shares nothing
 * in memory with other instances; with a token store ({@code FIREFLY_TOKEN_STORE}) instances and processes
 * share tokens through it. Credentials are resolved on first use and kept; the token provider caches tokens
 * (see {@link dev.fireflyauth.cache.TokenCache}).
 *
 * <h2>Who blocks</h2>
 *
 * <ul>
 *   <li>{@link #token()}, {@link #headers()}, {@link #applyTo}: only while there is no usable token (the first
 *       call, after expiry, after {@link #invalidate}): they then wait for one exchange, shared by all callers.
 *       Otherwise a volatile read and a clock comparison.
 *   <li>{@link #credentials()}: the first call runs the credential chain (files, perhaps a network call to a
 *       secret store); concurrent first callers wait for that one run.
 *   <li>{@link #headersAsync()} never blocks the caller: a first resolution runs on the builder's executor or
 *       on a short-lived daemon thread.
 *   <li>{@link #explain()} runs the chains if they have not run (and so may wait for them); {@link #trace()},
 *       {@link #invalidate} and {@link #close()} never wait for a source or an exchange.
 *   <li>{@link #close()} cancels a running exchange and interrupts a source load, so threads blocked in them
 *       are released with an exception.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class FireflyAuth implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FireflyAuth.class.getName());

  /** Header carrying the client ID on every Firefly request. */
  public static final String API_KEY_HEADER = "x-api-key";
  /** Header carrying the bearer token. */
  public static final String AUTHORIZATION_HEADER = "Authorization";

  private final Settings settings;
  private final TimeSource time;
  private final Executor executor;
  private final TokenCacheListener listener;
  private final List<CredentialSource> sources;
  private final CredentialChain chain;
  private final TokenChain tokenChain;
  private final Resolver resolver;
  private final StoreHolder store;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private final Object providerLock = new Object();
  private volatile TokenProvider tokenProvider; // created under providerLock, read without it
  private volatile List<TraceEntry> tokenTrace = List.of();
  private volatile boolean closed;

  private FireflyAuth(Builder b) {
    this.settings = b.settings;
    this.time = b.time;
    this.executor = b.executor;
    this.listener = TokenCacheListener.all(b.listeners);
    List<ClassLoader> loaders =
        b.classLoader != null ? List.of(b.classLoader) : Discovery.defaultLoaders(FireflyAuth.class.getClassLoader());
    Providers found = Providers.discover(loaders, b.extraSources, b.extraFactories);
    this.sources = found.sources();
    this.chain = new CredentialChain(found.sources(), found.sourceFailures(), b.credentials, b.locators,
        b.sourceNames, settings, time, this::warnOnce);
    this.tokenChain = new TokenChain(found.factories(), found.factoryFailures());
    this.resolver = new Resolver(chain);
    this.store = new StoreHolder(b.store, b.storeSpec, settings, time, loaders, this::warnOnce);
  }

  /** An instance with the default chain, the real settings and the default class loaders. */
  public static FireflyAuth create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The resolved client credentials (resolved on first call, then kept).
   *
   * @throws CredentialsNotFoundException when no source has any, listing every source and its reason
   * @throws ConfigurationException when a locator is malformed or a source is broken
   * @throws IllegalStateException after {@link #close()}
   */
  public ClientCredentials credentials() {
    checkOpen();
    return resolver.get();
  }

  /**
   * The token provider chosen by the token chain (static token first, then IMS exchange), built once.
   *
   * @throws ConfigurationException when no provider applies or one is broken
   * @throws IllegalStateException after {@link #close()}
   */
  public TokenProvider tokenProvider() {
    TokenProvider p = tokenProvider;
    if (p != null) {
      return p;
    }
    synchronized (providerLock) {
      checkOpen();
      if (tokenProvider == null) {
        List<TraceEntry> trace = new ArrayList<>();
        TokenChain.Services services = new TokenChain.Services(settings, time, executor, resolver, listener,
            (issuer, maxWait) -> store.tier(issuer, maxWait, resolver), this::warnOnce);
        try {
          p = tokenChain.create(services, trace);
        } finally {
          tokenTrace = List.copyOf(trace);
        }
        tokenProvider = p;
        if (closed) { // close() ran while we were building: it could not see this provider
          p.close();
          tokenProvider = null;
          checkOpen();
        }
      }
      return tokenProvider;
    }
  }

  /** A valid access token; shorthand for {@code tokenProvider().token()}. */
  public AccessToken token() {
    return tokenProvider().token();
  }

  /**
   * The two Firefly request headers, in order: {@code x-api-key} (the client ID the token was issued to, else
   * the resolved credentials' client ID) and {@code Authorization: Bearer …}.
   */
  public Map<String, String> headers() {
    return headers(token());
  }

  /**
   * Like {@link #token()} without blocking the caller: completes at once when a token is cached, else when the
   * one exchange all callers share completes (on the token provider's executor, or on the builder's executor /
   * a short-lived daemon thread while the provider is first built).
   */
  public CompletableFuture<AccessToken> tokenAsync() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("this FireflyAuth is closed"));
    }
    TokenProvider p = tokenProvider;
    CompletableFuture<TokenProvider> provider =
        p != null ? CompletableFuture.completedFuture(p) : CompletableFuture.supplyAsync(this::tokenProvider, async());
    return provider.thenCompose(TokenProvider::tokenAsync);
  }

  /**
   * Like {@link #headers()} without blocking the caller: completes when a token is at hand, at once when one
   * is cached. The future fails with the same {@link FireflyAuthException} {@link #headers()} would throw
   * (wrapped in a {@link java.util.concurrent.CompletionException} by dependent stages, as usual).
   */
  public CompletableFuture<Map<String, String>> headersAsync() {
    return tokenAsync().thenCompose(this::headersAsync);
  }

  /**
   * Like {@link #headers(AccessToken)} without blocking the caller: at once when the token carries its client
   * ID or credentials are resolved, else after resolving them on the builder's executor or a short-lived thread.
   */
  public CompletableFuture<Map<String, String>> headersAsync(AccessToken token) {
    Objects.requireNonNull(token, "token");
    if (token.clientId().isPresent() || resolver.resolved()) {
      try {
        return CompletableFuture.completedFuture(headers(token));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(() -> headers(token), async());
  }

  /**
   * The two Firefly headers for {@code token} (one this instance handed out): for code that keeps the token to
   * {@link #invalidate} it on a 401. The {@code x-api-key} is the client ID the token was issued to, else the
   * resolved credentials' (which resolves them if needed).
   */
  public Map<String, String> headers(AccessToken token) {
    Objects.requireNonNull(token, "token");
    return headers(token, token.clientId().orElseGet(() -> credentials().clientId()));
  }

  private Executor async() {
    return executor != null ? executor : AsyncThreads.INSTANCE;
  }

  private static Map<String, String> headers(AccessToken token, String clientId) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(API_KEY_HEADER, clientId);
    h.put(AUTHORIZATION_HEADER, token.authorizationHeader());
    return Collections.unmodifiableMap(h);
  }

  /** Sets the two Firefly headers on {@code request} and returns it. */
  public HttpRequest.Builder applyTo(HttpRequest.Builder request) {
    return applyTo(request, token());
  }

  /** Sets the two Firefly headers for {@code token} on {@code request}: keep the token to {@link #invalidate} it on a 401. */
  public HttpRequest.Builder applyTo(HttpRequest.Builder request, AccessToken token) {
    headers(token).forEach(request::setHeader);
    return request;
  }

  /**
   * Reports that an API refused {@code rejected} (HTTP 401): the token is dropped, here and in the token
   * store, if it is still the current one, so the next call gets a new token; many callers reporting the same
   * token cause one exchange. Retry a request once after this, then give up (see
   * {@link TokenProvider#invalidate}). Never blocks.
   */
  public void invalidate(AccessToken rejected) {
    Objects.requireNonNull(rejected, "rejected");
    TokenProvider p = tokenProvider;
    if (p != null) {
      p.invalidate(rejected);
    }
  }

  /**
   * What the chains did: every source and token provider considered, in order, with its outcome and reason,
   * every provider that failed to load, and the token store with whether it can be used now. Runs the chains
   * if they have not run yet, without throwing.
   */
  public List<TraceEntry> explain() {
    boolean runTokenChain = true;
    try {
      credentials();
    } catch (FireflyAuthException e) {
      // Recorded in the trace. A source that is broken or unreachable would only fail again (and be asked
      // again over the network) if the token chain resolved credentials now; "none found" is cheap to
      // repeat and a ready-made token may still apply.
      runTokenChain = e.kind() == FireflyAuthException.Kind.NOT_FOUND;
    }
    try {
      if (runTokenChain) {
        tokenProvider();
      }
    } catch (FireflyAuthException e) {
      // Recorded in the trace.
    }
    List<TraceEntry> all = new ArrayList<>(trace());
    store.traceEntry().ifPresent(all::add);
    return List.copyOf(all);
  }

  /**
   * What the chains have done so far, without running anything: after {@link #token()} with a ready-made
   * token this holds the token chain only, because no credentials were needed. Never blocks.
   */
  public List<TraceEntry> trace() {
    List<TraceEntry> all = new ArrayList<>(resolver.trace());
    all.addAll(tokenTrace);
    return List.copyOf(all);
  }

  /**
   * How to store a rotated client secret where the credentials came from (the file, the Secrets Manager secret
   * the chain used), for a secret rotation; empty when that source cannot be written (environment variables,
   * credentials given in code). Resolves credentials if they have not been.
   */
  public Optional<SecretWriteBack> secretWriteBack() {
    checkOpen();
    return resolver.writeBack();
  }

  /** The names of the credential sources found, in default-chain order. */
  public List<String> sourceNames() {
    return chain.sourceNames();
  }

  /**
   * The token store this instance uses, opened on first call; empty when none is configured. For tools that
   * list or clear it ({@link dev.fireflyauth.store.TokenStores}); the store stays this instance's to close.
   */
  public Optional<TokenStore> tokenStore() {
    checkOpen();
    return store.store();
  }

  /**
   * Closes the token provider (cancelling a running exchange), interrupts a source load in progress, closes
   * every source and the token store this instance opened. Idempotent; other methods then throw
   * {@link IllegalStateException}. Never waits for the network.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    resolver.close();
    TokenProvider p = tokenProvider;
    tokenProvider = null;
    if (p != null) {
      p.close();
    }
    for (CredentialSource s : sources) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing credential source " + s.name() + " failed: " + e.getClass().getName());
      }
    }
    store.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this FireflyAuth is closed");
    }
  }

  private void warnOnce(String message) {
    if (warned.add(message)) {
      LOG.log(Level.WARNING, message);
    }
  }

  @Override
  public String toString() {
    return "FireflyAuth{sources=" + chain.sourceNames() + (closed ? ", closed" : "") + '}';
  }

  /** Configures a {@link FireflyAuth}; not thread-safe. Every setter refuses null. */
  public static final class Builder {
    private Settings settings = Settings.system();
    private TimeSource time = TimeSource.system();
    private Executor executor;
    private ClassLoader classLoader;
    private ClientCredentials credentials;
    private TokenStore store;
    private String storeSpec;
    private final List<TokenCacheListener> listeners = new ArrayList<>();
    private final List<String> locators = new ArrayList<>();
    private final List<String> sourceNames = new ArrayList<>();
    private final List<CredentialSource> extraSources = new ArrayList<>();
    private final List<TokenProviderFactory> extraFactories = new ArrayList<>();

    private Builder() {}

    /** Where settings are read; default {@link Settings#system()}. */
    public Builder settings(Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Credentials given in code: no credential source is asked (no env provider is needed), and
     * {@code explain()} shows source {@code code}. They are never re-loaded, so rotation is up to the
     * application (build a new instance); give both live secrets during a rotation.
     */
    public Builder credentials(ClientCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The only class loader used for discovery; default: the thread's context class loader, then ours. */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** Use these locators, in order, instead of the default chain and {@code FIREFLY_CREDENTIALS}. */
    public Builder locators(String... locators) {
      this.locators.addAll(Arrays.asList(locators));
      return this;
    }

    /** Use these sources, in this order, instead of the default order. */
    public Builder sources(String... names) {
      this.sourceNames.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Adds a source instance beside the discovered ones (for sources built in code); it replaces a discovered
     * source of the same {@code name()}.
     */
    public Builder addSource(CredentialSource source) {
      this.extraSources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /**
     * Adds a token provider factory beside the discovered ones; it replaces a discovered factory of the same
     * {@code name()} (e.g. an IMS factory with its own {@code HttpClient}).
     */
    public Builder addTokenProviderFactory(TokenProviderFactory factory) {
      this.extraFactories.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Told about every refresh and failure of the token provider the chain picks, on the exchanging thread,
     * background refreshes included: the hook for metrics and alerts. May be called several times.
     */
    public Builder listener(TokenCacheListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The token store, by spec, instead of {@code FIREFLY_TOKEN_STORE}: {@code none}, {@code file},
     * {@code file:/some/dir}, {@code redis://…}. Checked when first used.
     */
    public Builder tokenStore(String spec) {
      this.storeSpec = Objects.requireNonNull(spec, "spec");
      this.store = null;
      return this;
    }

    /** A token store built in code; it stays the caller's to close. */
    public Builder tokenStore(TokenStore store) {
      this.store = Objects.requireNonNull(store, "store");
      this.storeSpec = null;
      return this;
    }

    /** The clock for token caches and file/secret TTLs; default {@link TimeSource#system()}. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Where background token refreshes (and a first {@code headersAsync()}) run; default: short-lived threads. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Discovers providers and builds the instance; cheap: no network, no threads. */
    public FireflyAuth build() {
      return new FireflyAuth(this);
    }
  }
}

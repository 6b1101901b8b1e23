package dev.fireflyauth;

import dev.fireflyauth.internal.CredentialChain;
import dev.fireflyauth.internal.Discovery;
import dev.fireflyauth.internal.TokenChain;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

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
 * <p>Each instance discovers its own providers when built (never in a static initialiser) and shares
 * nothing with other instances: two instances with the same credentials keep two token caches. Credentials
 * are resolved on first use and kept; the token provider caches tokens (see
 * {@link dev.fireflyauth.cache.TokenCache}). Thread-safe; {@link #close()} releases the token provider and
 * the sources.
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
  private final List<CredentialSource> sources;
  private final CredentialChain chain;
  private final TokenChain tokenChain;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final CredentialsHandle handle = new Handle();

  private final Object lock = new Object();
  private volatile CredentialChain.Resolution resolution; // written under lock, read without it
  private List<TraceEntry> credentialTrace = List.of(); // guarded by lock
  private List<TraceEntry> tokenTrace = List.of(); // guarded by lock
  private volatile TokenProvider tokenProvider;
  private volatile boolean closed;

  private FireflyAuth(Builder b) {
    this.settings = b.settings;
    this.time = b.time;
    this.executor = b.executor;
    List<ClassLoader> loaders =
        b.classLoader != null ? List.of(b.classLoader) : Discovery.defaultLoaders(FireflyAuth.class.getClassLoader());
    Discovery.Found<CredentialSource> foundSources =
        Discovery.load(CredentialSource.class, loaders, TraceEntry.Stage.CREDENTIALS, CredentialSource::name);
    Discovery.Found<TokenProviderFactory> foundFactories =
        Discovery.load(TokenProviderFactory.class, loaders, TraceEntry.Stage.TOKEN, TokenProviderFactory::name);
    List<CredentialSource> all = replaceByName(b.extraSources, foundSources.providers, CredentialSource::name);
    List<TokenProviderFactory> factories =
        replaceByName(b.extraFactories, foundFactories.providers, TokenProviderFactory::name);
    this.sources = List.copyOf(all);
    this.chain =
        new CredentialChain(all, foundSources.failures, b.locators, b.sourceNames, settings, time, this::warnOnce);
    this.tokenChain = new TokenChain(factories, foundFactories.failures);
  }

  /** {@code added} first, then each discovered provider whose name no added one has: an added provider replaces. */
  private static <T> List<T> replaceByName(List<T> added, List<T> discovered, Function<T, String> name) {
    Set<String> names = new HashSet<>();
    added.forEach(a -> names.add(name.apply(a)));
    List<T> all = new ArrayList<>(added);
    for (T d : discovered) {
      if (!names.contains(name.apply(d))) {
        all.add(d);
      }
    }
    return all;
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
   */
  public ClientCredentials credentials() {
    return resolution().credentials;
  }

  private CredentialChain.Resolution resolution() {
    CredentialChain.Resolution r = resolution;
    if (r != null && !closed) {
      return r; // headers() runs before every request: no lock once resolved
    }
    synchronized (lock) {
      checkOpen();
      if (resolution == null) {
        List<TraceEntry> trace = new ArrayList<>();
        try {
          resolution = chain.resolve(trace);
        } finally {
          credentialTrace = List.copyOf(trace);
        }
      }
      return resolution;
    }
  }

  /** The token provider chosen by the token chain (static token first, then IMS exchange), built once. */
  public TokenProvider tokenProvider() {
    TokenProvider p = tokenProvider;
    if (p != null) {
      return p;
    }
    synchronized (lock) {
      checkOpen();
      if (tokenProvider == null) {
        List<TraceEntry> trace = new ArrayList<>();
        try {
          tokenProvider = tokenChain.create(settings, time, executor, handle, trace);
        } finally {
          tokenTrace = List.copyOf(trace);
        }
      }
      return tokenProvider;
    }
  }

  /** A valid access token; shorthand for {@code tokenProvider().token()}. */
  public AccessToken token() {
    return tokenProvider().token();
  }

  /** The two Firefly request headers, in order: {@code x-api-key} and {@code Authorization: Bearer …}. */
  public Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(API_KEY_HEADER, credentials().clientId());
    h.put(AUTHORIZATION_HEADER, token().authorizationHeader());
    return java.util.Collections.unmodifiableMap(h);
  }

  /** Sets the two Firefly headers on {@code request} and returns it. */
  public HttpRequest.Builder applyTo(HttpRequest.Builder request) {
    headers().forEach(request::setHeader);
    return request;
  }

  /**
   * What the chains did: every source and token provider considered, in order, with its outcome and reason,
   * and every provider that failed to load. Runs the chains if they have not run yet, without throwing.
   */
  public List<TraceEntry> explain() {
    synchronized (lock) {
      boolean runTokenChain = true;
      try {
        resolution();
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
      return trace();
    }
  }

  /**
   * What the chains have done so far, without running anything: after {@link #token()} with a ready-made
   * token this holds the token chain only, because no credentials were needed.
   */
  public List<TraceEntry> trace() {
    synchronized (lock) {
      List<TraceEntry> all = new ArrayList<>(credentialTrace);
      all.addAll(tokenTrace);
      return List.copyOf(all);
    }
  }

  /** The names of the credential sources found, in default-chain order. */
  public List<String> sourceNames() {
    return chain.sourceNames();
  }

  /** Closes the token provider and every source. Idempotent; later calls throw {@link IllegalStateException}. */
  @Override
  public void close() {
    TokenProvider p;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      p = tokenProvider;
      tokenProvider = null;
    }
    if (p != null) {
      p.close();
    }
    for (CredentialSource s : sources) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing credential source " + s.name() + " failed", e);
      }
    }
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

  /** The credentials chain as token providers see it: resolution plus re-load from the same source. */
  private final class Handle implements CredentialsHandle {
    @Override
    public ClientCredentials get() {
      return credentials();
    }

    @Override
    public ClientCredentials reload(boolean bypassCaches) {
      synchronized (lock) {
        CredentialChain.Resolution earlier = resolution();
        resolution = chain.reload(earlier, bypassCaches);
        return resolution.credentials;
      }
    }
  }

  /** Configures a {@link FireflyAuth}; not thread-safe. */
  public static final class Builder {
    private Settings settings = Settings.system();
    private TimeSource time = TimeSource.system();
    private Executor executor;
    private ClassLoader classLoader;
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
     * {@code name()} (e.g. an IMS factory with a custom retry policy).
     */
    public Builder addTokenProviderFactory(TokenProviderFactory factory) {
      this.extraFactories.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /** The clock for token caches and file/secret TTLs; default {@link TimeSource#system()}. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Where background token refreshes run; default: a short-lived thread per refresh. */
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

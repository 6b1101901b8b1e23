package dev.fireflyauth.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An in-process Adobe IMS token endpoint ({@code POST /ims/token/v3}, {@code client_credentials}) and the client
 * secrets part of Adobe's I/O Management API ({@code /console/organizations/{orgId}/credentials/{credentialId}/secrets}),
 * for tests and offline demos.
 *
 * <p>Why it exists: code that embeds Firefly Auth needs an IMS that behaves like IMS, not a stub that answers
 * whatever it is told. The emulator keeps state the way IMS does: registered clients with up to two live
 * secrets (rotatable at run time), allowed scopes, issued tokens that expire on its own clock, per-client
 * request counts; it answers errors in IMS's JSON shape and statuses with an {@code x-debug-id}, and it can
 * inject faults on demand. It listens on the loopback interface only, on a free port, served by a small pool
 * of daemon threads that {@link #close()} ends.
 *
 * <p>On the same port it serves the I/O Management API for its registered clients, as the secret-rotation
 * guide describes it: each client belongs to a Developer Console organisation ({@link #consoleOrgId()} unless
 * registered with another) under a credential ID; {@code GET …/secrets} lists its live secrets as
 * {@code {"client_secrets":[{"uuid","created","last_used"}]}} ({@code last_used} is set by every token issued
 * for that secret, null until then), {@code POST} adds one and answers {@code 201 {"uuid","client_secret"}}
 * (a third is refused with a 400), {@code DELETE …/secrets/{uuid}} answers 204. Every call needs a valid token
 * this emulator issued, with scope {@code manage_client_secrets} (else 401 / 403), and the {@code x-api-key} of
 * the client it was issued to (else 403). Point the code under test at {@link #ioApiUrl()}.
 *
 * <pre>{@code
 * try (ImsEmulator ims = ImsEmulator.start()) {
 *   RegisteredClient client = ims.registerClient();
 *   // point the code under test at ims.tokenUrl() with client.clientId() / client.clientSecret()
 *   assertTrue(ims.isValidAuthorization(headerTheAppSent));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ImsEmulator implements AutoCloseable {
  /** The {@code expires_in} IMS gives by default, in seconds (24 hours less one second). */
  public static final Duration DEFAULT_EXPIRES_IN = Duration.ofSeconds(86399);

  /**
   * The scopes a token for the I/O Management API is requested with, which a credential may request once the
   * API is added to its Developer Console project: register a client with these (and its other scopes) to
   * manage its secrets through {@link #ioApiUrl()}.
   */
  public static final List<String> IO_MANAGEMENT_API_SCOPES = List.of("AdobeID", "openid", "read_organizations",
      "additional_info.projectedProductContext", "additional_info.roles", "adobeio_api", "read_client_secret",
      "manage_client_secrets");

  private static final int THREADS = 8;

  private final ClientRegistry clients = new ClientRegistry();
  private final RequestCounter counter = new RequestCounter();
  private final Faults faults = new Faults();
  private final TokenStore tokens;
  private final TimeSource time;
  private final String orgId = Randoms.consoleId(6);
  private final ClientSecretsApi secretsApi;
  private final ConsoleEndpoint console;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final DaemonThreads requestThreads;
  private final URI tokenUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ImsEmulator(Builder b) {
    time = b.time;
    tokens = new TokenStore(b.time);
    TokenEndpoint endpoint =
        new TokenEndpoint(new ClientCredentialsGrant(clients, tokens, b.expiresIn, b.time), counter, faults, b.time);
    secretsApi = new ClientSecretsApi(clients, tokens, b.time);
    console = new ConsoleEndpoint(secretsApi);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("the IMS emulator could not bind a loopback port", e);
    }
    InetSocketAddress bound = server.getAddress();
    requestThreads = new DaemonThreads(bound.getPort());
    executor =
        new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), requestThreads);
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", endpoint);
    server.createContext(ConsoleEndpoint.PREFIX, console);
    tokenUrl = url(bound);
    startDispatcherAsDaemon(server, bound.getPort());
  }

  /**
   * The JDK server's dispatcher thread inherits daemon status from the thread that calls {@code start()}: start
   * it from a daemon so that an emulator a test forgot to close cannot keep the JVM alive.
   */
  private static void startDispatcherAsDaemon(HttpServer server, int port) {
    Thread starter = new DaemonThreads(port).newThread(server::start);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the IMS emulator", e);
    }
  }

  /** Starts an emulator with the defaults: loopback, a free port, {@code expires_in} 86399 s, the system clock. */
  public static ImsEmulator start() {
    return builder().build();
  }

  /** A builder for an emulator with another token lifetime or clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The token endpoint, {@code http://127.0.0.1:<port>/ims/token/v3}. */
  public URI tokenUrl() {
    return tokenUrl;
  }

  /**
   * The base URL of the emulator's I/O Management API, {@code http://127.0.0.1:<port>} (the token endpoint's
   * port): what {@code FIREFLY_IO_API_URL} is set to, as {@code https://api.adobe.io} is for Adobe's.
   */
  public URI ioApiUrl() {
    return tokenUrl.resolve("/");
  }

  /** The Developer Console organisation ID (numeric) the clients registered without one belong to. */
  public String consoleOrgId() {
    return orgId;
  }

  /** The socket address the emulator listens on (always a loopback address). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Registers a client with a random ID and secret, allowed the default Firefly scopes. */
  public RegisteredClient registerClient() {
    return registerClient(Randoms.clientId(), Randoms.clientSecret(), ClientCredentials.DEFAULT_SCOPES);
  }

  /**
   * Registers a client with the given ID and secret, allowed to request {@code allowedScopes}, in organisation
   * {@link #consoleOrgId()} under a new random credential ID.
   *
   * @throws IllegalArgumentException when the ID is already registered, or a value is blank
   */
  public RegisteredClient registerClient(String clientId, String secret, List<String> allowedScopes) {
    while (true) {
      String credentialId = Randoms.consoleId(9);
      if (clients.findCredential(orgId, credentialId).isEmpty()) {
        return registerClient(clientId, secret, allowedScopes, orgId, credentialId);
      }
    }
  }

  /**
   * Registers a client with the given ID and secret, allowed to request {@code allowedScopes}, as credential
   * {@code credentialId} of Developer Console organisation {@code orgId} (say, the IDs in a project JSON a test
   * ships).
   *
   * @throws IllegalArgumentException when the client ID or the credential is already registered, or a value is
   *     blank or not a plain word (the IDs appear in URL paths)
   */
  public RegisteredClient registerClient(
      String clientId, String secret, List<String> allowedScopes, String orgId, String credentialId) {
    requireText(clientId, "clientId");
    requireText(secret, "secret");
    requireId(orgId, "orgId");
    requireId(credentialId, "credentialId");
    for (String scope : allowedScopes) {
      if (scope == null || scope.isBlank() || !scope.equals(scope.strip()) || scope.contains(",")) {
        throw new IllegalArgumentException("scope '" + scope + "' must be a non-blank word without a comma");
      }
    }
    clients.register(clientId, secret, allowedScopes, orgId, credentialId, time.now());
    return new RegisteredClient(clientId, secret, allowedScopes, orgId, credentialId);
  }

  /**
   * Gives a client a new secret, as Adobe Developer Console does. With {@code keepOldSecretLive} the previous
   * newest secret keeps working (a client has at most two live secrets, so an older one stops); without, only
   * the new secret works. Tokens already issued stay valid until they expire.
   *
   * @return the client with its new secret
   * @throws IllegalArgumentException when the client is not registered or the secret is blank
   */
  public RegisteredClient rotateSecret(String clientId, String newSecret, boolean keepOldSecretLive) {
    requireText(newSecret, "newSecret");
    ClientRegistry.Client c = clients.rotate(clientId, newSecret, keepOldSecretLive, time.now());
    return new RegisteredClient(clientId, newSecret, c.scopes(), c.orgId(), c.credentialId());
  }

  /** {@link #rotateSecret(String, String, boolean)} with a new random secret. */
  public RegisteredClient rotateSecret(String clientId, boolean keepOldSecretLive) {
    return rotateSecret(clientId, Randoms.clientSecret(), keepOldSecretLive);
  }

  /**
   * The live secrets of {@code clientId}, newest first, as the I/O Management API lists them (UUID, created,
   * last used; never a value): to assert which secret an application exchanged.
   *
   * @throws IllegalArgumentException when the client is not registered
   */
  public List<ConsoleSecret> secrets(String clientId) {
    return client(clientId).live().stream()
        .map(s -> new ConsoleSecret(s.uuid(), s.created(), Optional.ofNullable(s.lastUsed())))
        .toList();
  }

  /**
   * The UUID of {@code clientId}'s live secret whose value is {@code secret}; empty when it is not live (never
   * registered, rotated out or deleted).
   *
   * @throws IllegalArgumentException when the client is not registered
   */
  public Optional<String> secretUuid(String clientId, String secret) {
    Objects.requireNonNull(secret, "secret");
    return client(clientId).live().stream().filter(s -> s.matches(secret)).map(ClientRegistry.LiveSecret::uuid)
        .findFirst();
  }

  /**
   * Runs {@code action} each time the I/O Management API has added a client secret, on the request's thread and
   * before the {@code 201} is sent: a test's way to make something happen at exactly that point of a rotation,
   * such as a deployment that still exchanges the old secret, or a credentials file that turns read-only. The
   * action gets the new secret's UUID and times. Replaces the action set before; an action that throws makes the
   * add answer 500 (the secret stays added).
   */
  public void onSecretAdded(Consumer<ConsoleSecret> action) {
    secretsApi.onSecretAdded(action);
  }

  /** How many requests reached the I/O Management API ({@code /console/…}), refused ones included. */
  public int ioApiRequestCount() {
    return console.requestCount();
  }

  /** How many requests reached the token endpoint, faulted and rejected ones included. */
  public int requestCount() {
    return counter.total();
  }

  /** How many token requests named {@code clientId} in their form, faulted and rejected ones included. */
  public int requestCount(String clientId) {
    return counter.of(clientId);
  }

  /** Whether this emulator issued {@code token} and it has not expired on the emulator's clock. */
  public boolean isValidToken(String token) {
    return tokens.clientIdOf(token).isPresent();
  }

  /** The client a valid {@code token} was issued to; empty when it is unknown or expired. */
  public Optional<String> clientIdOf(String token) {
    return tokens.clientIdOf(token);
  }

  /**
   * Whether {@code authorizationHeaderValue} is {@code Bearer <token>} (scheme in any case) with a
   * {@linkplain #isValidToken valid} token: the assertion about what an app sends downstream.
   */
  public boolean isValidAuthorization(String authorizationHeaderValue) {
    String bearer = "Bearer ";
    String header = authorizationHeaderValue;
    if (header == null || !header.regionMatches(true, 0, bearer, 0, bearer.length())) {
      return false;
    }
    return isValidToken(header.substring(bearer.length()).strip());
  }

  /** Fault injection for the next token requests. */
  public Faults faults() {
    return faults;
  }

  /** Stops listening and ends the request threads, interrupting any delayed request. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      requestThreads.joinAll(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The token URL and how many clients are registered; never a secret. */
  @Override
  public String toString() {
    return "ImsEmulator[" + tokenUrl + ", " + clients.size() + " clients" + (closed.get() ? ", closed" : "") + "]";
  }

  private static URI url(InetSocketAddress address) {
    try {
      String host = address.getAddress().getHostAddress();
      return new URI("http", null, host, address.getPort(), TokenEndpoint.PATH, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot form the emulator URL for " + address, e);
    }
  }

  private ClientRegistry.Client client(String clientId) {
    return clients.find(clientId)
        .orElseThrow(() -> new IllegalArgumentException("client ID " + clientId + " is not registered"));
  }

  private static void requireId(String value, String name) {
    if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(name + " must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /**
   * Configures an emulator before it starts.
   *
   * <p>Why it exists: most tests want the defaults ({@link ImsEmulator#start()}), but cache tests need short
   * lifetimes and a clock they control. Reusable: each {@link #build()} starts a new emulator.
   */
  public static final class Builder {
    private Duration expiresIn = DEFAULT_EXPIRES_IN;
    private TimeSource time = TimeSource.system();

    private Builder() {}

    /** The lifetime of issued tokens, sent as {@code expires_in} in whole seconds (at least 1 s). */
    public Builder expiresIn(Duration expiresIn) {
      Objects.requireNonNull(expiresIn, "expiresIn");
      if (expiresIn.getSeconds() < 1) {
        throw new IllegalArgumentException("expiresIn must be at least 1 second, was " + expiresIn);
      }
      this.expiresIn = Duration.ofSeconds(expiresIn.getSeconds());
      return this;
    }

    /** The clock tokens expire on and {@linkplain Faults.Next#delay delays} sleep on; the system clock by default. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Starts an emulator with these settings. */
    public ImsEmulator build() {
      return new ImsEmulator(this);
    }
  }
}

package dev.fireflyauth.admin;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.ims.ImsTokenProviderFactory;
import dev.fireflyauth.spi.support.HttpClients;
import dev.fireflyauth.spi.support.OwnedHttpClient;
import dev.fireflyauth.spi.support.HttpReply;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A credential's client secrets through Adobe's I/O Management API: {@link #list()}, {@link #add()},
 * {@link #delete(String)}, as Adobe's OAuth Server-to-Server guide describes rotating a secret
 * programmatically.
 *
 * <pre>{@code
 * try (FireflyAuth auth = FireflyAuth.create();
 *      SecretsAdmin admin = SecretsAdmin.builder().credentials(auth.credentials()).build()) {
 *   for (ClientSecret s : admin.list()) { // log: the application's System.Logger
 *     log.log(Level.INFO, "{0} last used {1}", s.uuid(), s.lastUsed().map(Object::toString).orElse("never"));
 *   }
 * }
 * }</pre>
 *
 * <p>Why it exists: the secret that IMS exchanges is managed with the same credential (Adobe allows two live
 * secrets, so a new one can be added while the old one still works); no library did it, so users ran curl by
 * hand. Every call carries a token from our own IMS exchange for the managed credential with the scopes
 * {@link #SCOPES} (the credential may request them once the I/O Management API is added to its Developer
 * Console project) and {@code x-api-key} = its client ID, to
 * {@code {FIREFLY_IO_API_URL}/console/organizations/{orgId}/credentials/{credentialId}/secrets}. The IDs come
 * from the builder, {@code FIREFLY_CONSOLE_ORG_ID} / {@code FIREFLY_CREDENTIAL_ID}, or a Developer Console
 * project JSON (see {@link Builder#consoleProject} and {@link #CONSOLE_PROJECT_FILE}).
 *
 * <p>The HTTP rules are the IMS provider's: https unless loopback, redirects never followed, the whole reply
 * within the request timeout, bodies capped, {@code x-debug-id} in every error, the peer's text cleaned of
 * secrets. Nothing is retried except a call whose token the API refused (once, with a new token). Errors are
 * typed: {@link ConfigurationException} (the API is not added to the project, the IDs name no credential, a
 * third secret), {@link dev.fireflyauth.CredentialsRejectedException} (IMS rejected every secret),
 * {@link dev.fireflyauth.TransientException} (unreachable, 429, 5xx). Thread-safe; close it to release its
 * token provider and HTTP client.
 */
public final class SecretsAdmin implements AutoCloseable {
  /** The I/O Management API's base URL. */
  public static final Setting IO_API_URL = Setting.of("firefly.io.api.url", "FIREFLY_IO_API_URL");
  /** The numeric Developer Console organisation ID. */
  public static final Setting CONSOLE_ORG_ID = Setting.of("firefly.console.org.id", "FIREFLY_CONSOLE_ORG_ID");
  /** The Developer Console credential ID. */
  public static final Setting CREDENTIAL_ID = Setting.of("firefly.credential.id", "FIREFLY_CREDENTIAL_ID");
  /** A Developer Console project JSON to read the two IDs from when they are not set. */
  public static final Setting CONSOLE_PROJECT_FILE =
      Setting.of("firefly.console.project.file", "FIREFLY_CONSOLE_PROJECT_FILE");

  /** The default of {@link #IO_API_URL}. */
  public static final String DEFAULT_IO_API_URL = "https://api.adobe.io";
  /** The scopes of the token for the I/O Management API, as Adobe's guide gives them. */
  public static final List<String> SCOPES = List.of("AdobeID", "openid", "read_organizations",
      "additional_info.projectedProductContext", "additional_info.roles", "adobeio_api", "read_client_secret",
      "manage_client_secrets");
  /** How many live client secrets Adobe allows a credential. */
  public static final int MAX_SECRETS = 2;

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(SecretsAdmin.class.getName());
  private static final Pattern UUID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final ClientCredentials credentials;
  private final ConsoleCredential credential;
  private final IoApiEndpoint endpoint;
  private final ImsExchange ims;
  private final AdminToken token;
  private final OwnedHttpClient http;
  private final IoApiClient api;

  private SecretsAdmin(Builder b) {
    this.credentials = Objects.requireNonNull(b.credentials, "credentials (SecretsAdmin.builder().credentials(…))");
    this.endpoint = IoApiEndpoint.from(b.settings);
    this.credential = ConsoleIds.resolve(
        new ConsoleIds.Given(b.orgId, b.credentialId, b.consoleProject, b.locator), b.settings, credentials);
    ImsTokenProviderFactory factory = b.httpClient == null
        ? new ImsTokenProviderFactory()
        : ImsTokenProviderFactory.builder().httpClient(b.httpClient).build();
    this.ims = new ImsExchange(factory, b.settings, b.time);
    this.token = new AdminToken(credentials, ims);
    Settings settings = b.settings;
    Duration connect = b.connectTimeout;
    this.http = new OwnedHttpClient(b.httpClient, () -> HttpClients.newClient(settings, connect));
    this.api = new IoApiClient(http, b.requestTimeout, token, credentials.clientId(),
        new IoApiErrors(endpoint, credential, credentials));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code uuid} has the shape of a secret's UUID (letters, digits and {@code -}): it goes into a URL path. */
  public static boolean isUuid(String uuid) {
    return uuid != null && UUID.matcher(uuid).matches();
  }

  /** The Developer Console credential whose secrets are managed, with where its IDs were read. */
  public ConsoleCredential credential() {
    return credential;
  }

  /** The URL of the credential's secrets: {@code {base}/console/organizations/{orgId}/credentials/{credentialId}/secrets}. */
  public URI secretsUrl() {
    return endpoint.secrets(credential);
  }

  /** The managed credentials (client ID, secrets, origin) as given to the builder. */
  public ClientCredentials credentials() {
    return credentials;
  }

  /**
   * The credential's client secrets, as the API lists them (never a value), in the API's order.
   *
   * @throws dev.fireflyauth.FireflyAuthException typed as the class documentation says
   */
  public List<ClientSecret> list() {
    IoApiClient.Call call = new IoApiClient.Call("GET", secretsUrl());
    HttpReply reply = api.send(call, IoApiErrors.Operation.LIST, credentials.secrets());
    try {
      return SecretsJson.list(reply);
    } catch (SecretsJson.Malformed e) {
      throw malformed(call, reply, e, "");
    }
  }

  /**
   * Adds a client secret; its value is returned this once. A credential holds at most {@link #MAX_SECRETS}.
   *
   * @throws ConfigurationException when the credential already has {@link #MAX_SECRETS} ("delete one first")
   * @throws dev.fireflyauth.TransientException when the API could not be reached or failed; the secret may then
   *     have been added all the same (the message says so)
   */
  public NewClientSecret add() {
    IoApiClient.Call call = new IoApiClient.Call("POST", secretsUrl());
    HttpReply reply = api.send(call, IoApiErrors.Operation.ADD, credentials.secrets());
    try {
      NewClientSecret added = SecretsJson.added(reply);
      LOG.log(Level.INFO, "added client secret {0} to {1}", added.uuid(), credential.describe());
      return added;
    } catch (SecretsJson.Malformed e) {
      throw malformed(call, reply, e, "; a secret may have been added all the same: check with"
          + " `firefly-auth secrets list`");
    }
  }

  /**
   * Deletes client secret {@code uuid}: it stops working at once, for every deployment that still uses it.
   *
   * @throws IllegalArgumentException when {@code uuid} is not a UUID's shape ({@link #isUuid})
   * @throws ConfigurationException when the credential has no such secret
   */
  public void delete(String uuid) {
    if (!isUuid(uuid)) {
      throw new IllegalArgumentException("a client secret's uuid is 1 to 64 letters, digits and '-'");
    }
    api.send(new IoApiClient.Call("DELETE", endpoint.secret(credential, uuid)), IoApiErrors.Operation.delete(uuid),
        credentials.secrets());
    LOG.log(Level.INFO, "deleted client secret {0} of {1}", uuid, credential.describe());
  }

  /**
   * The client secret IMS accepted for this instance's token (exchanging one if none was yet): the secret in
   * use now, newest first among those that work.
   */
  public Secret secretInUse() {
    return token.inUse();
  }

  /**
   * Exchanges {@code credentials} at IMS, exactly as given (their own scopes; their secrets newest first), with
   * no ready-made token and no token store in the way: the proof that a secret works.
   */
  AccessToken exchange(ClientCredentials credentials) {
    try (TokenProvider p = ims.provider(credentials)) {
      return p.token();
    }
  }

  private ConfigurationException malformed(IoApiClient.Call call, HttpReply reply, SecretsJson.Malformed e,
      String note) {
    return new ConfigurationException("I/O Management API " + call + " answered HTTP " + reply.status()
        + " with a reply that is not what the API sends: " + e.getMessage() + "; is " + IO_API_URL + " ("
        + endpoint.from() + ") the I/O Management API?" + note);
  }

  /** Cancels calls in flight, closes the token provider and the HTTP client this instance made. Idempotent. */
  @Override
  public void close() {
    api.close();
    token.close();
    http.close();
  }

  @Override
  public String toString() {
    return "SecretsAdmin{" + credential.describe() + " at " + endpoint.base() + ", client ID "
        + credentials.maskedClientId() + '}';
  }

  /** Configures a {@link SecretsAdmin}; not thread-safe. Every setter refuses null. */
  public static final class Builder {
    private Settings settings = Settings.system();
    private ClientCredentials credentials;
    private String orgId;
    private String credentialId;
    private Path consoleProject;
    private String locator;
    private HttpClient httpClient;
    private TimeSource time = TimeSource.system();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder() {}

    /** Where {@code FIREFLY_IO_API_URL}, the IDs, {@code FIREFLY_IMS_URL} and the proxy are read; default {@link Settings#system()}. */
    public Builder settings(Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The credential whose secrets are managed (required), e.g. {@code auth.credentials()}: its client ID is
     * the {@code x-api-key}, and its secrets get the token (newest first).
     */
    public Builder credentials(ClientCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The numeric Developer Console org ID; wins over {@code FIREFLY_CONSOLE_ORG_ID}. */
    public Builder orgId(String orgId) {
      this.orgId = Objects.requireNonNull(orgId, "orgId").strip();
      return this;
    }

    /** The Developer Console credential ID; wins over {@code FIREFLY_CREDENTIAL_ID}. */
    public Builder credentialId(String credentialId) {
      this.credentialId = Objects.requireNonNull(credentialId, "credentialId").strip();
      return this;
    }

    /**
     * A Developer Console project JSON to read the IDs from when they are not set ({@code project.org.id}, and
     * the {@code id} of the credential whose client ID is the managed one); wins over
     * {@link SecretsAdmin#CONSOLE_PROJECT_FILE}.
     */
    public Builder consoleProject(Path file) {
      this.consoleProject = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * The locator the credentials were read with, if any ({@code firefly:file:/etc/firefly/project.json}): when
     * no project file is named, the file of a {@code firefly:file:} locator (else of
     * {@code FIREFLY_CREDENTIALS}, {@code FIREFLY_CREDENTIALS_FILE}, the default credentials file) is read for
     * the IDs if it is a Developer Console project JSON with this client ID.
     */
    public Builder locator(String locator) {
      this.locator = Objects.requireNonNull(locator, "locator");
      return this;
    }

    /** The application's {@link HttpClient}, for the API and IMS; never closed by us. It should not follow redirects. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The clock of the token cache; default {@link TimeSource#system()}. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * The TCP connect timeout of our own client (default 10 s) and the longest one call to the API may take,
     * reply included (default 30 s).
     *
     * @throws IllegalArgumentException if one is not positive
     */
    public Builder timeouts(Duration connect, Duration request) {
      for (Duration d : new Duration[] {connect, request}) {
        if (Objects.requireNonNull(d, "timeout").isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive, was " + d);
        }
      }
      this.connectTimeout = connect;
      this.requestTimeout = request;
      return this;
    }

    /**
     * Checks the URL and works out the IDs (reading a project file if needed); no network call yet.
     *
     * @throws NullPointerException when no credentials were given
     * @throws ConfigurationException naming the setting or file, when the URL or an ID is missing or malformed
     */
    public SecretsAdmin build() {
      return new SecretsAdmin(this);
    }
  }
}

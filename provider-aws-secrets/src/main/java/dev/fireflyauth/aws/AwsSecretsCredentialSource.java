package dev.fireflyauth.aws;

import com.google.auto.service.AutoService;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.spi.support.LoadCache;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Credentials kept in AWS Secrets Manager, read with {@code GetSecretValue} through the AWS SDK for Java v2.
 *
 * <p>Why it exists: deployments on AWS keep secrets there, rotate them there, and grant access with IAM
 * roles rather than with more secrets. Selected by {@code firefly:aws-secrets:<name or ARN>[?region=…&stage=…
 * &version=…&idField=…&secretField=…&ttl=…]} or, in the default chain, by {@code FIREFLY_AWS_SECRET_ID}.
 * The secret is JSON with the keys of the credentials file ({@code client_id}, {@code client_secret} or
 * {@code client_secrets}, {@code scopes}, {@code org_id}).
 *
 * <p>Loaded credentials are cached for a TTL (default one hour, {@code ttl=} or {@code FIREFLY_AWS_CACHE_TTL});
 * concurrent loads of one secret share one request; a load after IMS rejected the credentials
 * ({@link SourceContext#bypassCaches()}) reads the store again, so a rotated secret is picked up without a
 * restart. Every call is bounded by {@code FIREFLY_AWS_ATTEMPT_TIMEOUT} per attempt and
 * {@code FIREFLY_AWS_TIMEOUT} in all. {@link #writeBack} stores a rotated client secret with
 * {@code PutSecretValue}.
 *
 * <p>The discovered source (public no-argument constructor) builds its own clients on the SDK's default
 * credentials and region chains, over {@code java.net.http}: it adds no SDK HTTP client to the application.
 * Embedders that already have an SDK client or credentials provider use {@link #builder()}. Clients are built
 * on the first configured load and closed by {@link #close()}, which also releases a thread blocked in a
 * load; a source that is discovered but not configured creates no client and no thread.
 */
@AutoService(CredentialSource.class)
public final class AwsSecretsCredentialSource implements CredentialSource {
  static final String NAME = "aws-secrets";

  /** Opens the clients on first use; references no SDK class until called. */
  private final Supplier<AwsClients> opener;
  private final CodeConfig code;
  private final LoadCache<SecretLocation, ClientCredentials> cache = new LoadCache<>();
  private AwsClients clients; // guarded by this; null until the first configured load
  private boolean closed; // guarded by this

  /**
   * The source as {@link java.util.ServiceLoader} creates it in every application that has this jar: it
   * references no AWS SDK class, so none is even loaded until the source is configured.
   */
  public AwsSecretsCredentialSource() {
    this(() -> new OwnedClients(SdkClientFactory.defaults()), CodeConfig.NONE);
  }

  AwsSecretsCredentialSource(ClientFactory factory) {
    this(() -> new OwnedClients(factory), CodeConfig.NONE);
  }

  private AwsSecretsCredentialSource(Supplier<AwsClients> opener, CodeConfig code) {
    this.opener = opener;
    this.code = code;
  }

  /**
   * A source on an SDK client or credentials provider the application already has, for
   * {@link dev.fireflyauth.FireflyAuth.Builder#addSource}, where it replaces the discovered {@code aws-secrets}
   * source:
   *
   * <pre>{@code
   * SecretsManagerClient sm = SecretsManagerClient.builder().region(Region.EU_WEST_1).build(); // the app's
   * try (FireflyAuth auth = FireflyAuth.builder()
   *     .addSource(AwsSecretsCredentialSource.builder().client(sm).build()) // we never close sm
   *     .locators("firefly:aws-secrets:prod/firefly")
   *     .build()) {
   *   String token = auth.tokenProvider().token().value().reveal();
   * }
   *
   * // or: we build (and close) the client, on the app's AWS credentials
   * AwsSecretsCredentialSource.builder()
   *     .credentialsProvider(WebIdentityTokenFileCredentialsProvider.create())
   *     .region(Region.EU_WEST_1)
   *     .build();
   * }</pre>
   *
   * The secret, stage and TTL still come from the locator and settings.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 300;
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    Optional<SecretLocation> found = SecretLocation.read(context, code);
    if (found.isEmpty()) {
      return context.notConfigured(Setting.AWS_SECRET_ID + " is not set");
    }
    SecretLocation location = found.get();
    Settings settings = context.settings();
    return Optional.of(cache.get(location, context.time(), context.bypassCaches(), () -> new LoadCache.Loaded<>(
        whileOpen(() -> SecretsManagerCalls.fetch(clients().connect(location, settings), location)), location.ttl())));
  }

  /**
   * Stores a rotated client secret in the secret {@link #load} reads, with {@code PutSecretValue} (IAM:
   * {@code secretsmanager:GetSecretValue} and {@code secretsmanager:PutSecretValue} on the secret).
   *
   * @return empty when the source is not configured here
   * @throws CredentialSourceException when the locator pins a version or a stage other than AWSCURRENT
   */
  @Override
  public Optional<SecretWriteBack> writeBack(SourceContext context) {
    Optional<SecretLocation> found = SecretLocation.read(context, code);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SecretLocation location = found.get();
    location.requireCurrent();
    OpenClient c = clients().connect(location, context.settings());
    return Optional.of(new AwsSecretWriteBack(c, location, cache::clear));
  }

  private synchronized AwsClients clients() {
    if (closed) {
      throw closed();
    }
    if (clients == null) {
      clients = opener.get();
    }
    return clients;
  }

  /** {@code call}, reporting a failure caused by a {@link #close()} during the call as such. */
  private <T> T whileOpen(Supplier<T> call) {
    synchronized (this) {
      if (closed) {
        throw closed();
      }
    }
    try {
      return call.get();
    } catch (FireflyAuthException e) {
      synchronized (this) {
        if (closed) {
          throw new CredentialSourceException(NAME, "the aws-secrets source was closed during the load", e);
        }
      }
      throw e;
    }
  }

  static CredentialSourceException closed() {
    return new CredentialSourceException(NAME, "the aws-secrets source is closed");
  }

  /** How many SDK clients this source has built (a test probe: none unless configured). */
  synchronized int clientsBuilt() {
    return clients == null ? 0 : clients.built();
  }

  /** How many SDK clients are open now. */
  synchronized int clientsOpen() {
    return clients == null ? 0 : clients.open();
  }

  /**
   * Closes the SDK clients this source built (cancelling calls in flight on them, so a thread blocked in a load
   * is released) and forgets cached credentials. An application's own client is left open. Idempotent.
   */
  @Override
  public void close() {
    AwsClients toClose;
    synchronized (this) {
      closed = true;
      toClose = clients;
    }
    if (toClose != null) {
      toClose.close();
    }
    cache.clear();
  }

  @Override
  public String toString() {
    return "AwsSecretsCredentialSource";
  }

  /**
   * Builds a source on the application's SDK objects: either its {@link SecretsManagerClient}, used as it is
   * and never closed by us, or its {@link AwsCredentialsProvider}, with which we build (and close) our own
   * clients, optionally for a fixed region and endpoint. Values given here win over the settings
   * ({@code FIREFLY_AWS_REGION}, {@code FIREFLY_AWS_ENDPOINT}); a region named by the locator or inside an
   * ARN wins over both. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private SecretsManagerClient client;
    private AwsCredentialsProvider credentialsProvider;
    private Region region;
    private URI endpointOverride;

    private Builder() {}

    /**
     * Reads the secret with the application's own client (its region, endpoint, credentials and HTTP client).
     * The source never closes it, so {@link AwsSecretsCredentialSource#close()} cannot abort a call in flight
     * on it: the timeouts set on every request bound such a call instead.
     *
     * @throws NullPointerException if {@code client} is null
     */
    public Builder client(SecretsManagerClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Signs with {@code provider} instead of the SDK's default credentials chain; the source builds its own
     * clients (over {@code java.net.http}) and closes them, but never closes {@code provider}.
     *
     * @throws NullPointerException if {@code provider} is null
     */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * The region of our clients when the locator (or an ARN) names none; wins over {@code FIREFLY_AWS_REGION}.
     *
     * @throws NullPointerException if {@code region} is null
     */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * The endpoint of our clients (a VPC endpoint, an emulator); wins over {@code FIREFLY_AWS_ENDPOINT}.
     *
     * @throws NullPointerException if {@code endpoint} is null
     * @throws CredentialSourceException if it is not https, unless its host is loopback
     */
    public Builder endpointOverride(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      this.endpointOverride = SecretLocation.secureEndpoint(endpoint.toString(),
          "endpointOverride(…) of AwsSecretsCredentialSource.builder()");
      return this;
    }

    /**
     * The source.
     *
     * @throws IllegalStateException if {@link #client} is combined with {@link #credentialsProvider},
     *     {@link #region} or {@link #endpointOverride} (the client already has its own)
     */
    public AwsSecretsCredentialSource build() {
      if (client != null) {
        if (credentialsProvider != null || region != null || endpointOverride != null) {
          throw new IllegalStateException("AwsSecretsCredentialSource.builder(): client(…) already has its"
              + " credentials, region and endpoint; do not combine it with credentialsProvider(…), region(…) or"
              + " endpointOverride(…)");
        }
        AppClient app = new AppClient(client);
        return new AwsSecretsCredentialSource(() -> app, new CodeConfig(app.region(), null, true));
      }
      AwsCredentialsProvider provider = credentialsProvider;
      Supplier<AwsClients> opener = provider == null
          ? () -> new OwnedClients(SdkClientFactory.defaults())
          : () -> new OwnedClients(SdkClientFactory.with(provider));
      return new AwsSecretsCredentialSource(opener, new CodeConfig(region == null ? null : region.id(),
          endpointOverride, false));
    }
  }
}

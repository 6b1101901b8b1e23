package dev.fireflyauth.aws;

import com.google.auto.service.AutoService;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.Optional;

/**
 * Credentials kept in AWS Secrets Manager, read with {@code GetSecretValue} through the AWS SDK for Java v2.
 *
 * <p>Why it exists: deployments on AWS keep secrets there, rotate them there, and grant access with IAM
 * roles rather than with more secrets. Selected by {@code firefly:aws-secrets:<name or ARN>[?region=…&stage=…
 * &version=…&idKey=…&secretKey=…&ttl=…]} or, in the default chain, by {@code FIREFLY_AWS_SECRET_ID}. The secret
 * is JSON with the keys of the credentials file ({@code client_id}, {@code client_secret} or
 * {@code client_secrets}, {@code scopes}, {@code org_id}).
 *
 * <p>Loaded credentials are cached for a TTL (default one hour, {@code ttl=} or {@code FIREFLY_AWS_CACHE_TTL});
 * concurrent loads of one secret share one request; a load after IMS rejected the credentials
 * ({@link SourceContext#refresh()}) reads the store again, so a rotated secret is picked up without a
 * restart. The SDK client is built on the first configured load and closed by {@link #close()}: a source
 * that is discovered but not configured creates no client and no thread.
 */
@AutoService(CredentialSource.class)
public final class AwsSecretsCredentialSource implements CredentialSource {
  static final String NAME = "aws-secrets";

  /** Null in production: the SDK's defaults, looked up only once the source is configured. */
  private final ClientFactory factory;
  private final TtlCache<SecretLocation, ClientCredentials> cache = new TtlCache<>();
  private AwsClients clients; // guarded by this; null until the first configured load
  private boolean closed; // guarded by this

  /**
   * The source as {@link java.util.ServiceLoader} creates it in every application that has this jar: it
   * references no AWS SDK class, so none is even loaded until the source is configured.
   */
  public AwsSecretsCredentialSource() {
    this.factory = null;
  }

  AwsSecretsCredentialSource(ClientFactory factory) {
    this.factory = factory;
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
    Optional<SecretLocation> found = SecretLocation.read(context);
    if (found.isEmpty()) {
      return context.notConfigured(Setting.AWS_SECRET_ID + " is not set");
    }
    SecretLocation location = found.get();
    return Optional.of(cache.get(location, location.ttl(), context.time(), context.refresh(),
        () -> SecretFetcher.fetch(clients().connect(location, context.settings()), location)));
  }

  private synchronized AwsClients clients() {
    if (closed) {
      throw new CredentialSourceException(NAME, "the aws-secrets source is closed");
    }
    if (clients == null) {
      clients = factory == null ? AwsClients.withSdkDefaults() : new AwsClients(factory);
    }
    return clients;
  }

  /** How many SDK clients this source has built (a test probe: none unless configured). */
  synchronized int clientsBuilt() {
    return clients == null ? 0 : clients.built();
  }

  /** How many SDK clients are open now. */
  synchronized int clientsOpen() {
    return clients == null ? 0 : clients.open();
  }

  /** Closes the SDK clients and forgets cached credentials. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (clients != null) {
        clients.close();
      }
    }
    cache.clear();
  }

  @Override
  public String toString() {
    return "AwsSecretsCredentialSource";
  }
}

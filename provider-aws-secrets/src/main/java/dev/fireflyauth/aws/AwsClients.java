package dev.fireflyauth.aws;

import dev.fireflyauth.Settings;

/**
 * Where a load gets its Secrets Manager client: clients this source builds and owns ({@link OwnedClients}),
 * or the application's own ({@link AppClient}).
 *
 * <p>Why it exists: the two differ in who decides region and endpoint and in who closes the client; the
 * source, the reader and the writer see one interface. Thread-safe.
 */
sealed interface AwsClients extends AutoCloseable permits OwnedClients, AppClient {

  /**
   * The client for {@code location}.
   *
   * @throws dev.fireflyauth.CredentialSourceException when no region is configured, or after {@link #close()}
   */
  OpenClient connect(SecretLocation location, Settings settings);

  /** How many clients were ever built: a probe for tests (none unless configured). */
  int built();

  /** How many clients we hold open now. */
  int open();

  /** Closes what this source built (never an application's client). Idempotent. */
  @Override
  void close();
}

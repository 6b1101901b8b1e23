package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK clients this source built: on first use, at most one per (region, endpoint, attempt timeout), all
 * closed together.
 *
 * <p>Why it exists: an SDK client costs a few hundred milliseconds to build and holds resources, so it is
 * made only when a configured source first loads (never when the source is merely discovered) and kept for
 * later loads. Closing also cancels the calls in flight on them, which releases a thread blocked in a load.
 */
final class OwnedClients implements AwsClients {
  /**
   * A map key; a list, not a record: a record's generated equals would pin this class loader (see
   * SecretLocation). A region of null means "the SDK's default region chain".
   */
  private static List<Object> key(String region, URI endpoint, Duration attemptTimeout) {
    return Arrays.asList(region, endpoint, attemptTimeout);
  }

  private final ClientFactory factory;
  private final Map<List<Object>, ClientFactory.Built> open = new HashMap<>(); // guarded by this
  private int built; // guarded by this
  private boolean closed; // guarded by this

  OwnedClients(ClientFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * {@inheritDoc}
   *
   * <p>The region chain (which may ask instance metadata) and the client build run outside the lock, so
   * {@link #close()} never waits behind them; two threads racing to build the same client keep one.
   */
  @Override
  public OpenClient connect(SecretLocation location, Settings settings) {
    List<Object> key = key(location.region(), location.endpoint(), location.timeouts().attempt());
    synchronized (this) {
      if (closed) {
        throw AwsSecretsCredentialSource.closed();
      }
      ClientFactory.Built b = open.get(key);
      if (b != null) {
        return b.connection();
      }
    }
    Region region = location.region() != null ? Region.of(location.region()) : defaultRegion(location);
    ClientFactory.Built made = factory.create(region, location.endpoint(), settings, location.timeouts());
    synchronized (this) {
      ClientFactory.Built b = closed ? null : open.get(key);
      if (!closed && b == null) {
        open.put(key, made);
        built++;
        return made.connection();
      }
    }
    made.close(); // closed meanwhile, or another thread's client won
    synchronized (this) {
      if (closed) {
        throw AwsSecretsCredentialSource.closed();
      }
      return open.get(key).connection();
    }
  }

  private Region defaultRegion(SecretLocation location) {
    try {
      return factory.defaultRegion();
    } catch (SdkClientException e) {
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME, "no AWS region for secret "
          + location.secretId() + ": add ?region= to the locator, set " + Setting.AWS_REGION
          + " or AWS_REGION, or give the AWS profile a region (AWS SDK: " + AwsErrors.summary(e, List.of())
          + ")");
    }
  }

  @Override
  public synchronized int built() {
    return built;
  }

  @Override
  public synchronized int open() {
    return open.size();
  }

  @Override
  public void close() {
    List<ClientFactory.Built> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(open.values());
      open.clear();
    }
    for (ClientFactory.Built b : toClose) {
      b.close();
    }
    factory.close();
  }
}

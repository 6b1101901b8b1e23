package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Settings;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Chooses the HTTP client of the Secrets Manager clients we build: {@link JdkSdkHttpClient} (JDK only),
 * unless the user names an {@link SdkHttpService} in the SDK's own property {@value #SERVICE_PROPERTY}.
 *
 * <p>Why it exists: we ship no SDK HTTP client module, but an application that already has one (for its
 * connection pool or proxy setup) can have our clients use it too, by the SDK's own switch.
 */
final class SdkHttpClients {
  /** The SDK's property for choosing among HTTP client implementations on the class path. */
  static final String SERVICE_PROPERTY = "software.amazon.awssdk.http.service.impl";

  private SdkHttpClients() {}

  /**
   * Sets the HTTP client on {@code builder}.
   *
   * @return what to close after the SDK client: our own HTTP client (an SDK client never closes one it was
   *     given), or nothing when the SDK builds the named one and closes it itself
   * @throws CredentialSourceException when the named service is missing or not an {@link SdkHttpService}
   */
  static SdkAutoCloseable apply(SecretsManagerClientBuilder builder, Settings settings, CallTimeouts timeouts) {
    Optional<Settings.Value> named = settings.property(SERVICE_PROPERTY);
    if (named.isPresent()) {
      builder.httpClientBuilder(named(named.get()).createHttpClientBuilder());
      return () -> {};
    }
    JdkSdkHttpClient http = JdkSdkHttpClient.create(settings, timeouts.attempt());
    builder.httpClient(http);
    return http;
  }

  static SdkHttpService named(Settings.Value v) {
    try {
      Class<?> c = Class.forName(v.value(), true, SdkHttpClients.class.getClassLoader());
      if (!SdkHttpService.class.isAssignableFrom(c)) {
        throw new CredentialSourceException(AwsSecretsCredentialSource.NAME,
            v.where() + " names " + v.value() + ", which does not implement " + SdkHttpService.class.getName());
      }
      return (SdkHttpService) c.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME, v.where() + " names " + v.value()
          + ", which is not on the class path: add the SDK HTTP client that provides it", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME,
          v.where() + ": cannot create " + v.value() + " (" + cause.getClass().getSimpleName() + ")", cause);
    }
  }
}

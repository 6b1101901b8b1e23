package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Settings;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Chooses the SDK's HTTP client: {@code url-connection-client} (JDK only, no threads, no pools), unless the
 * user names another {@link SdkHttpService} in the SDK's own property {@value #SERVICE_PROPERTY}.
 *
 * <p>Why it exists: we keep Apache and Netty out of our dependencies, but a user who already ships one (for
 * connection pooling, a proxy setup) can add it and select it without patching us.
 */
final class HttpClients {
  /** The SDK's property for choosing among HTTP client implementations on the class path. */
  static final String SERVICE_PROPERTY = "software.amazon.awssdk.http.service.impl";

  private HttpClients() {}

  static SdkHttpClient.Builder<?> builder(Settings settings) {
    Optional<Settings.Value> named = settings.property(SERVICE_PROPERTY);
    if (named.isEmpty()) {
      return UrlConnectionHttpClient.builder();
    }
    Settings.Value v = named.get();
    try {
      Class<?> c = Class.forName(v.value(), true, HttpClients.class.getClassLoader());
      if (!SdkHttpService.class.isAssignableFrom(c)) {
        throw new CredentialSourceException(AwsSecretsCredentialSource.NAME,
            v.where() + " names " + v.value() + ", which does not implement " + SdkHttpService.class.getName());
      }
      return ((SdkHttpService) c.getDeclaredConstructor().newInstance()).createHttpClientBuilder();
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME, v.where() + " names " + v.value()
          + ", which is not on the class path: add the SDK HTTP client that provides it", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME,
          v.where() + ": cannot create " + v.value() + " (" + cause + ")", cause);
    }
  }
}

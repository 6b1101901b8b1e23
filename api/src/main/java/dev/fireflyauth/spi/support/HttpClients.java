package dev.fireflyauth.spi.support;

import dev.fireflyauth.Settings;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way this library builds an {@link HttpClient} when the application did not give it one: HTTP/1.1,
 * redirects never followed (a redirect could carry a secret to another host), a connect timeout, and the
 * proxy the deployment configured.
 *
 * <p>Proxy precedence: the JVM's own proxy properties ({@code https.proxyHost}, {@code http.proxyHost},
 * {@code socksProxyHost}, {@code java.net.useSystemProxies}) when any is set, exactly as the JDK would use
 * them; else the curl variables ({@link EnvProxySelector}); else a direct connection.
 */
public final class HttpClients {
  private static final String[] JVM_PROXY_PROPERTIES = {
    "https.proxyHost", "http.proxyHost", "socksProxyHost", "java.net.useSystemProxies"
  };

  private HttpClients() {}

  /** A new client for this deployment's network; the caller owns it. */
  public static HttpClient newClient(Settings settings, Duration connectTimeout) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout);
    proxy(settings).ifPresent(b::proxy);
    if (!jvmProxyConfigured(settings)) {
      EnvProxySelector.from(settings).flatMap(EnvProxySelector::authenticator).ifPresent(b::authenticator);
    }
    return b.build();
  }

  /** The proxy selector {@link #newClient} uses; empty for a direct connection. */
  public static Optional<ProxySelector> proxy(Settings settings) {
    if (jvmProxyConfigured(settings)) {
      return Optional.ofNullable(ProxySelector.getDefault());
    }
    return EnvProxySelector.from(settings).map(p -> p);
  }

  private static boolean jvmProxyConfigured(Settings settings) {
    for (String p : JVM_PROXY_PROPERTIES) {
      if (settings.property(p).isPresent()) {
        return true;
      }
    }
    return false;
  }
}

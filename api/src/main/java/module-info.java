/**
 * Firefly Auth's API: value types, the provider SPI, discovery, the chains, the token cache engine and the
 * token stores. JDK only.
 *
 * <p>{@code dev.fireflyauth} is what applications call; {@code dev.fireflyauth.spi} and
 * {@code dev.fireflyauth.spi.support} are for providers; {@code dev.fireflyauth.cache} is the token cache engine;
 * {@code dev.fireflyauth.store} reads token stores for tools. {@code dev.fireflyauth.internal} is not API.
 */
module dev.fireflyauth {
  requires transitive java.net.http; // FireflyAuth.applyTo takes an HttpRequest.Builder

  exports dev.fireflyauth;
  exports dev.fireflyauth.cache;
  exports dev.fireflyauth.spi;
  exports dev.fireflyauth.spi.support;
  exports dev.fireflyauth.store;

  uses dev.fireflyauth.spi.CredentialSource;
  uses dev.fireflyauth.spi.TokenProviderFactory;
  uses dev.fireflyauth.spi.TokenStoreFactory;

  provides dev.fireflyauth.spi.TokenStoreFactory with dev.fireflyauth.internal.store.FileTokenStoreFactory;
}

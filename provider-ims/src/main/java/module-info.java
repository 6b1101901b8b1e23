/** Exchanges client credentials for access tokens at Adobe IMS; the ready-made (static) token provider. */
module dev.fireflyauth.ims {
  requires transitive dev.fireflyauth;
  requires static com.google.auto.service;

  exports dev.fireflyauth.ims;

  provides dev.fireflyauth.spi.TokenProviderFactory with
      dev.fireflyauth.ims.ImsTokenProviderFactory,
      dev.fireflyauth.ims.StaticTokenProviderFactory;
}

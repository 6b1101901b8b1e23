/** Credentials from environment variables and Java system properties. */
module dev.fireflyauth.env {
  requires dev.fireflyauth;
  requires static com.google.auto.service;

  exports dev.fireflyauth.env;

  provides dev.fireflyauth.spi.CredentialSource with dev.fireflyauth.env.EnvCredentialSource;
}

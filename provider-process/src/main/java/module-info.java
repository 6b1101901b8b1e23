/** Credentials printed by a command: a secret manager's CLI, run without a shell. JDK only. */
module dev.fireflyauth.process {
  requires dev.fireflyauth;
  requires static com.google.auto.service;

  exports dev.fireflyauth.process;

  provides dev.fireflyauth.spi.CredentialSource with dev.fireflyauth.process.ProcessCredentialSource;
}

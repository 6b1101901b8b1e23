/**
 * Firefly Auth's file source: credentials from a JSON file (with profiles), a dotenv / properties file, the
 * project JSON Adobe Developer Console downloads, or a directory of one file per key (a Kubernetes secret
 * volume); and the write-back of a rotated client secret into those files. JDK and api only.
 */
@SuppressWarnings("requires-automatic") // auto-service-annotations: compile time only, never at run time
module dev.fireflyauth.file {
  requires dev.fireflyauth;
  requires static com.google.auto.service;

  provides dev.fireflyauth.spi.CredentialSource with dev.fireflyauth.file.FileCredentialSource;
}

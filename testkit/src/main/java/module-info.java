/** An Adobe IMS emulator and a JUnit 5 extension, for testing code that embeds Firefly Auth. */
module dev.fireflyauth.testkit {
  requires transitive dev.fireflyauth;
  requires jdk.httpserver;
  requires static org.junit.jupiter.api; // only ImsEmulatorExtension needs it, and its users have JUnit

  exports dev.fireflyauth.testkit;
}

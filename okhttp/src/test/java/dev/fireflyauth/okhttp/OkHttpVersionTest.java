package dev.fireflyauth.okhttp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.OkHttp;
import org.junit.jupiter.api.Test;

/** The build runs the tests on OkHttp 5 and again on OkHttp 4: this checks each run has the OkHttp it claims. */
class OkHttpVersionTest {
  @Test
  void theRunHasTheExpectedOkHttpMajorVersion() {
    String major = System.getProperty("okhttp.expected.major");
    assertTrue(OkHttp.VERSION.startsWith(major + "."), "expected OkHttp " + major + ".x, have " + OkHttp.VERSION);
  }
}

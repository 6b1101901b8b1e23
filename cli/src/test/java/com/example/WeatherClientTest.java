package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.ImsEmulatorExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit example of the README, verbatim, with the real providers on the class path. */
class WeatherClientTest {
  @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();

  @Test
  void sendsATokenThatImsIssued() {
    Settings settings = Settings.builder()
        .put(Setting.IMS_URL, ims.tokenUrl().toString())
        .put(Setting.CLIENT_ID, ims.client().clientId())
        .put(Setting.CLIENT_SECRET, ims.client().clientSecret())
        .build();
    try (FireflyAuth auth = FireflyAuth.builder().settings(settings).build()) {
      Map<String, String> headers = auth.headers();
      assertTrue(ims.emulator().isValidAuthorization(headers.get("Authorization")));
      auth.headers();
      assertEquals(1, ims.emulator().requestCount()); // the token is cached
    }
  }
}

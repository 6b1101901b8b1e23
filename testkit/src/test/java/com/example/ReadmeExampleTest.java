package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulatorExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's example, in a package of its own so that it uses only the test kit's public API. In the
 * README the exchange is made by {@code FireflyAuth}; here (provider-ims is not on this module's class path)
 * by a plain {@link HttpClient}, as an app's own IMS client would.
 */
class ReadmeExampleTest {
  @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();

  @Test
  void theAppSendsATokenThatImsIssued() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String form = "grant_type=client_credentials&client_id=" + ims.client().clientId()
        + "&client_secret=" + ims.client().clientSecret() + "&scope=" + String.join(",", ims.client().scopes());
    HttpResponse<String> reply = http.send(
        HttpRequest.newBuilder(ims.tokenUrl()).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    String token = reply.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

    assertTrue(ims.emulator().isValidAuthorization("Bearer " + token));
    assertEquals(1, ims.emulator().requestCount(ims.client().clientId()));
  }
}

package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testing.LeakScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;

/** Shared test values and helpers: WireMock plays IMS on a dynamic loopback port. */
final class ImsFixture {
  static final String PATH = "/ims/token/v3";
  static final String CLIENT_ID = "fixture-client-id-7f3a";
  static final String SECRET = LeakScan.sensitive("p8e-SECRET-newest-Xy12");
  static final String SECOND_SECRET = LeakScan.sensitive("p8e-SECRET-older-Zw34");
  static final String ROTATED_SECRET = LeakScan.sensitive("p8e-SECRET-rotated-Qq56");
  static final String TOKEN = LeakScan.sensitive("eyJ-TOKEN-first-aaaaaaaaaaaaaaaa");
  static final String TOKEN_2 = LeakScan.sensitive("eyJ-TOKEN-second-bbbbbbbbbbbbbbb");
  static final String STATIC_TOKEN = LeakScan.sensitive("eyJ-TOKEN-static-ccccccccccccccc");
  static final String DEBUG_ID = "dbg-42";

  private ImsFixture() {}

  static WireMockExtension wireMock() {
    return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  }

  static ClientCredentials credentials(String... secrets) {
    ClientCredentials.Builder b =
        ClientCredentials.builder().clientId(CLIENT_ID).origin("fixture").scopes("openid,AdobeID,firefly_api");
    for (String s : secrets) {
      b.addSecret(Secret.of(s));
    }
    return b.build();
  }

  /** A FireflyAuth against {@code ims} with a fake clock, inline background refreshes and {@code source}. */
  static FireflyAuth.Builder auth(
      WireMockExtension ims, FakeTimeSource time, CredentialSource source, String... extraSettings) {
    Settings.Builder s = Settings.builder().put(Setting.IMS_URL, ims.url(PATH));
    for (int i = 0; i < extraSettings.length; i += 2) {
      s.put(extraSettings[i], extraSettings[i + 1]);
    }
    return FireflyAuth.builder().settings(s.build()).timeSource(time).executor(Runnable::run).addSource(source);
  }

  static FireflyAuth auth(WireMockExtension ims, FakeTimeSource time, String... extraSettings) {
    return auth(ims, time, new FixtureSource(credentials(SECRET)), extraSettings).build();
  }

  static MappingBuilder tokenPost() {
    return post(urlPathEqualTo(PATH));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** A successful IMS reply; {@code expiresIn} is written as given (a number, or a quoted string). */
  static ResponseDefinitionBuilder ok(String token, String expiresIn) {
    return json(200, "{\"access_token\":\"" + LeakScan.sensitive(token) + "\",\"token_type\":\"bearer\","
        + "\"expires_in\":" + expiresIn + "}");
  }

  static ResponseDefinitionBuilder ok(String token) {
    return ok(token, "86399");
  }

  /** An IMS error reply with an {@code x-debug-id}. */
  static ResponseDefinitionBuilder imsError(int status, String error, String description) {
    return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}")
        .withHeader("x-debug-id", DEBUG_ID);
  }

  /** The requests IMS received, oldest first. */
  static List<LoggedRequest> requests(WireMockExtension ims) {
    List<LoggedRequest> r =
        ims.getAllServeEvents().stream().map(ServeEvent::getRequest).collect(Collectors.toCollection(ArrayList::new));
    Collections.reverse(r);
    return r;
  }

  /** The {@code client_secret} of each request, oldest first. */
  static List<String> secretsSent(WireMockExtension ims) {
    return requests(ims).stream().map(r -> r.formParameter("client_secret").firstValue()).collect(Collectors.toList());
  }

  /** Stubs every token POST with {@code reply}, asks a fresh FireflyAuth for a token once and returns the failure. */
  static <T extends Throwable> T failureFor(
      WireMockExtension ims, FakeTimeSource time, ResponseDefinitionBuilder reply, Class<T> type,
      String... settings) {
    ims.stubFor(tokenPost().willReturn(reply));
    try (FireflyAuth auth = auth(ims, time, settings)) {
      return failure(type, auth::token);
    }
  }

  /** Asserts that {@code call} throws {@code type} and hands the exception to the leak scan. */
  static <T extends Throwable> T failure(Class<T> type, Executable call) {
    return LeakScan.record(assertThrows(type, call));
  }
}

package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.fireflyauth.ims.ImsFixture.DEBUG_ID;
import static dev.fireflyauth.ims.ImsFixture.PATH;
import static dev.fireflyauth.ims.ImsFixture.imsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.testkit.FakeTimeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Answers that retrying cannot fix: reported once, naming what to change. */
class ImsConfigurationErrorTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  private String brokenBy(ResponseDefinitionBuilder reply, String... settings) {
    ConfigurationException e = ImsFixture.failureFor(ims, time, reply, ConfigurationException.class, settings);
    assertEquals(FireflyAuthException.Kind.BROKEN, e.kind());
    assertTrue(e.getMessage().startsWith("IMS token endpoint " + ims.url(PATH) + " answered HTTP "), e.getMessage());
    ims.verify(1, anyRequestedFor(anyUrl()));
    return e.getMessage();
  }

  @Test
  void invalidScopeNamesTheScopes() {
    String m = brokenBy(imsError(400, "invalid_scope", "invalid scope (firefly_api)"));
    assertTrue(m.contains("HTTP 400 (x-debug-id " + DEBUG_ID + "), error invalid_scope (\"invalid scope (firefly_api)\")"), m);
    assertTrue(m.contains("requested scopes: openid,AdobeID,firefly_api"), m);
    assertTrue(m.contains("FIREFLY_SERVICES_SCOPES"), m);
  }

  @Test
  void unauthorizedClientNamesTheGrant() {
    String m = brokenBy(imsError(400, "unauthorized_client", "Client not allowed"));
    assertTrue(m.contains("error unauthorized_client"), m);
    assertTrue(m.contains("may not use grant_type=client_credentials"), m);
  }

  @Test
  void unsupportedGrantTypeNamesTheGrant() {
    String m = brokenBy(imsError(400, "unsupported_grant_type", "grant not supported"));
    assertTrue(m.contains("error unsupported_grant_type"), m);
    assertTrue(m.contains("grant_type=client_credentials"), m);
  }

  @Test
  void redirectIsNotFollowedAndNamesTheLocation() {
    String elsewhere = ims.url("/elsewhere");
    String m = brokenBy(aResponse().withStatus(302).withHeader("Location", elsewhere));
    assertTrue(m.contains("HTTP 302"), m);
    assertTrue(m.contains("redirects are not followed (Location: " + elsewhere + ")"), m);
    assertTrue(m.contains(Setting.IMS_URL.toString()), m);
  }

  @Test
  void notFoundPointsAtTheUrlSetting() {
    String m = brokenBy(aResponse().withStatus(404));
    assertTrue(m.contains("HTTP 404 with an empty body: check FIREFLY_IMS_URL"), m);
  }
}

package dev.fireflyauth.ims;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.fireflyauth.ims.ImsFixture.DEBUG_ID;
import static dev.fireflyauth.ims.ImsFixture.PATH;
import static dev.fireflyauth.ims.ImsFixture.TOKEN;
import static dev.fireflyauth.ims.ImsFixture.imsError;
import static dev.fireflyauth.ims.ImsFixture.ok;
import static dev.fireflyauth.ims.ImsFixture.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 429, 5xx and I/O faults are transient: retried (3 attempts by default), then reported naming the endpoint. */
class ImsTransientFaultTest {
  @RegisterExtension static WireMockExtension ims = ImsFixture.wireMock();

  private final FakeTimeSource time = new FakeTimeSource();

  /** Every attempt fails with {@code reply}: the exchange gives up after 3 POSTs and 2 pauses. */
  private TransientException failsEveryTime(ResponseDefinitionBuilder reply, String... settings) {
    TransientException e = ImsFixture.failureFor(ims, time, reply, TransientException.class, settings);
    assertEquals(FireflyAuthException.Kind.TRANSIENT, e.kind());
    assertTrue(e.getMessage().contains("IMS token endpoint " + ims.url(PATH)), e.getMessage());
    assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
    // WireMock logs a request once it has answered it: a timed-out attempt appears after its delay.
    for (int i = 0; i < 100 && ims.getAllServeEvents().size() < 3; i++) {
      sleep(50);
    }
    ims.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
    assertEquals(2, time.sleeps());
    return e;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void connectionResetIsRetriedThenReported() {
    TransientException e = failsEveryTime(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertTrue(e.getMessage().contains("could not be reached: IOException"), e.getMessage());
  }

  @Test
  void emptyResponseIsRetriedThenReported() {
    TransientException e = failsEveryTime(aResponse().withFault(Fault.EMPTY_RESPONSE));
    assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
  }

  @Test
  void malformedChunkIsRetriedThenReported() {
    TransientException e = failsEveryTime(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
  }

  @Test
  void responseSlowerThanTheRequestTimeoutIsRetriedThenReported() {
    TransientException e =
        failsEveryTime(ok(TOKEN).withFixedDelay(1500), ImsTokenProviderFactory.REQUEST_TIMEOUT.property(), "0.2");
    assertTrue(e.getMessage().contains("HttpTimeoutException"), e.getMessage());
  }

  @Test
  void htmlErrorPageFromAProxyIsRetriedThenReported() {
    TransientException e = failsEveryTime(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
    assertTrue(e.getMessage().contains("answered HTTP 502 with a body of 50 bytes (text/html) that is not valid JSON"),
        e.getMessage());
  }

  @Test
  void serviceUnavailableKeepsImsErrorAndDebugId() {
    TransientException e = failsEveryTime(imsError(503, "server_error", "try again later"));
    assertTrue(e.getMessage().contains("answered HTTP 503 (x-debug-id " + DEBUG_ID + "), error server_error"
        + " (\"try again later\")"), e.getMessage());
  }

  @Test
  void connectionRefusedIsRetriedThenReported() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/ims/token/v3";
    TransientException e;
    try (FireflyAuth auth = FireflyAuth.builder().timeSource(time)
        .settings(Settings.builder().put(Setting.IMS_URL, url).build())
        .addSource(new FixtureSource(ImsFixture.credentials(ImsFixture.SECRET))).build()) {
      e = ImsFixture.failure(TransientException.class, auth::token);
    }
    assertTrue(e.getMessage().startsWith("IMS token endpoint " + url + " could not be reached: ConnectException"),
        e.getMessage());
    assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
  }

  @Test
  void serverErrorThenSuccessRecovers() {
    ims.stubFor(tokenPost().inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(imsError(500, "server_error", "boom")).willSetStateTo("up"));
    ims.stubFor(tokenPost().inScenario("flaky").whenScenarioStateIs("up").willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      assertEquals(TOKEN, auth.token().value().reveal());
    }
    ims.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    assertEquals(1, time.sleeps());
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterSeconds() {
    ims.stubFor(tokenPost().inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(imsError(429, "too_many_requests", "slow down").withHeader("Retry-After", "2"))
        .willSetStateTo("free"));
    ims.stubFor(tokenPost().inScenario("busy").whenScenarioStateIs("free").willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      assertEquals(TOKEN, auth.token().value().reveal());
    }
    ims.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    assertEquals(1, time.sleeps());
    assertTrue(time.slept().compareTo(Duration.ofSeconds(2)) >= 0, "slept " + time.slept());
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterHttpDate() {
    String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.now().plusSeconds(7).atOffset(ZoneOffset.UTC));
    ims.stubFor(tokenPost().inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(imsError(429, "too_many_requests", "slow down").withHeader("Retry-After", at))
        .willSetStateTo("free"));
    ims.stubFor(tokenPost().inScenario("busy").whenScenarioStateIs("free").willReturn(ok(TOKEN)));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      assertEquals(TOKEN, auth.token().value().reveal());
    }
    assertEquals(1, time.sleeps());
    assertTrue(time.slept().compareTo(Duration.ofSeconds(7)) >= 0, "slept " + time.slept());
  }

  @Test
  void retryAfterBeyondTheDeadlineEndsTheExchangeAndIsPassedOn() {
    TransientException e = ImsFixture.failureFor(ims, time,
        imsError(429, "too_many_requests", "later").withHeader("Retry-After", "120"), TransientException.class);
    assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
    assertTrue(e.getMessage().contains("answered HTTP 429"), e.getMessage());
    ims.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    assertEquals(0, time.sleeps());
  }

  @Test
  void aRememberedFailureIsRethrownWithoutAnotherRequest() {
    ims.stubFor(tokenPost().willReturn(imsError(503, "server_error", "down")));
    try (FireflyAuth auth = ImsFixture.auth(ims, time)) {
      TransientException first = ImsFixture.failure(TransientException.class, auth::token);
      TransientException second = ImsFixture.failure(TransientException.class, auth::token);
      assertEquals(first, second);
    }
    ims.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
  }
}

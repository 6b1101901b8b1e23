package com.example.firefly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.testkit.ImsEmulator;
import java.util.List;

/**
 * A WireMock "Firefly API": {@code GET /v3/status} and {@code POST /v3/images/generate} answer 200 only when
 * {@code x-api-key} is the client ID and {@code Authorization} carries a token the emulated IMS issued; anything else
 * gets 401.
 */
final class FireflyApiStub implements AutoCloseable {
  final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private ImsEmulator ims;
  private String clientId;

  FireflyApiStub() {
    server.start();
  }

  void acceptValidHeaders(ImsEmulator ims, String clientId) {
    this.ims = ims;
    this.clientId = clientId;
    server.resetAll();
    server.stubFor(get(urlPathEqualTo("/v3/status")).andMatching(validHeaders()).willReturn(okJson("{\"status\":\"ok\"}")));
    server.stubFor(post(urlPathEqualTo("/v3/images/generate")).andMatching(validHeaders())
        .willReturn(okJson("{\"outputs\":[]}")));
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)));
  }

  /** The next {@code GET /v3/revoked} is refused whatever it carries; after that valid headers get 200. */
  void refuseNextRevoked() {
    server.resetRequests();
    server.resetScenarios();
    server.stubFor(get(urlPathEqualTo("/v3/revoked")).inScenario("revoked")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refused once")
        .willReturn(aResponse().withStatus(401)));
    server.stubFor(get(urlPathEqualTo("/v3/revoked")).inScenario("revoked").whenScenarioStateIs("refused once")
        .andMatching(validHeaders()).willReturn(okJson("{\"status\":\"ok\"}")));
  }

  private ValueMatcher<Request> validHeaders() {
    return request -> MatchResult.of(clientId.equals(request.getHeader("x-api-key"))
        && ims.isValidAuthorization(request.getHeader("Authorization")));
  }

  int port() {
    return server.port();
  }

  List<LoggedRequest> requests() {
    return server.findAll(anyRequestedFor(anyUrl()));
  }

  @Override
  public void close() {
    server.stop();
  }
}

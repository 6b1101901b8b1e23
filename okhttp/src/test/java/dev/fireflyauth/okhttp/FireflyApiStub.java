package dev.fireflyauth.okhttp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.testkit.ImsEmulator;
import java.util.List;

/**
 * A WireMock "Firefly API" that answers only requests whose {@code x-api-key} is the client ID and whose
 * {@code Authorization} carries a token the emulated IMS issued and still honours; anything else gets 401.
 */
final class FireflyApiStub implements AutoCloseable {
  final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  FireflyApiStub() {
    server.start();
  }

  /** {@code GET /v3/status} answers 200 to valid Firefly headers only; every other request 401. */
  void acceptValidHeaders(ImsEmulator ims, String clientId) {
    server.resetAll();
    server.stubFor(get(urlPathEqualTo("/v3/status"))
        .andMatching(request -> MatchResult.of(clientId.equals(request.getHeader("x-api-key"))
            && ims.isValidAuthorization(request.getHeader("Authorization"))))
        .willReturn(okJson("{\"status\":\"ok\"}")));
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)));
  }

  /** Like {@link #acceptValidHeaders}, but the first {@code GET /v3/revoked} is refused whatever it carries. */
  void refuseFirstRequest(ImsEmulator ims, String clientId) {
    acceptValidHeaders(ims, clientId);
    server.stubFor(get(urlPathEqualTo("/v3/revoked")).inScenario("revoked")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refused once")
        .willReturn(aResponse().withStatus(401)));
    server.stubFor(get(urlPathEqualTo("/v3/revoked")).inScenario("revoked")
        .whenScenarioStateIs("refused once")
        .andMatching(request -> MatchResult.of(clientId.equals(request.getHeader("x-api-key"))
            && ims.isValidAuthorization(request.getHeader("Authorization"))))
        .willReturn(okJson("{\"status\":\"ok\"}")));
  }

  String url(String host, String path) {
    return "http://" + host + ":" + server.port() + path;
  }

  List<LoggedRequest> requests() {
    return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
  }

  @Override
  public void close() {
    server.stop();
  }
}

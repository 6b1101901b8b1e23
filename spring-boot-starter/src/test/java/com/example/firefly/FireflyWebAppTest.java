package com.example.firefly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The README's app ({@link FireflyApp}) as a real Spring Boot web app: settings from a profile's YAML and dynamic
 * properties, the emulated IMS, a WireMock "Firefly API" addressed as {@code localhost} (the allowed host) and
 * another service addressed as {@code 127.0.0.1}; Actuator through MockMvc. The methods run in order and share one
 * context, so counts are cumulative.
 */
@SpringBootTest(classes = FireflyApp.class)
@AutoConfigureMockMvc
@ActiveProfiles("firefly-test")
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FireflyWebAppTest {
  static final ImsEmulator IMS = ImsEmulator.start();
  static final RegisteredClient CLIENT = IMS.registerClient();
  static final FireflyApiStub FIREFLY = new FireflyApiStub();
  static final FireflyApiStub OTHER = new FireflyApiStub();
  /** Every Authorization value the Firefly stub received, for the leak scans. */
  static final Set<String> SENT = new LinkedHashSet<>();

  static {
    FIREFLY.acceptValidHeaders(IMS, CLIENT.clientId());
    OTHER.acceptValidHeaders(IMS, CLIENT.clientId());
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("firefly.ims.url", () -> IMS.tokenUrl().toString());
    registry.add("firefly.services.client.id", CLIENT::clientId);
    registry.add("firefly.services.client.secret", CLIENT::clientSecret);
    registry.add("app.firefly.url", () -> "http://localhost:" + FIREFLY.port());
  }

  @AfterAll
  static void stop() {
    FIREFLY.close();
    OTHER.close();
    IMS.close();
  }

  @Autowired RestClient firefly;
  @Autowired WebClient fireflyReactive;
  @Autowired RestClient.Builder restClientBuilder;
  @Autowired WebClient.Builder webClientBuilder;
  @Autowired RestTemplateBuilder restTemplateBuilder;
  @Autowired MockMvc mvc;

  static List<LoggedRequest> remember(List<LoggedRequest> requests) {
    requests.forEach(r -> {
      if (r.getHeader("Authorization") != null) {
        SENT.add(r.getHeader("Authorization"));
      }
    });
    return requests;
  }

  @Test
  @Order(1)
  void manyRequestsThroughEveryClientShareOneExchange() {
    for (int i = 0; i < 10; i++) {
      assertEquals("{\"status\":\"ok\"}", firefly.get().uri("/v3/status").retrieve().body(String.class));
      assertEquals("{\"status\":\"ok\"}",
          fireflyReactive.get().uri("/v3/status").retrieve().bodyToMono(String.class).block());
    }
    List<String> parallel = Flux.range(0, 20)
        .flatMap(i -> fireflyReactive.get().uri("/v3/status").retrieve().bodyToMono(String.class), 8)
        .collectList().block();
    assertThat(parallel).hasSize(20).containsOnly("{\"status\":\"ok\"}");
    String viaRestTemplate = restTemplateBuilder.rootUri("http://localhost:" + FIREFLY.port()).build()
        .getForObject("/v3/status", String.class);
    assertEquals("{\"status\":\"ok\"}", viaRestTemplate);
    assertEquals("{\"outputs\":[]}", firefly.post().uri("/v3/images/generate").contentType(MediaType.APPLICATION_JSON)
        .body("{\"prompt\":\"a lighthouse at dusk, watercolor\"}").retrieve().body(String.class));

    assertEquals(42, remember(FIREFLY.requests()).size());
    assertEquals(1, IMS.requestCount());
  }

  @Test
  @Order(2)
  void aRequestToAnotherHostCarriesNeitherHeader() {
    String other = "http://127.0.0.1:" + OTHER.port();
    int viaRestClient = restClientBuilder.baseUrl(other).build().get().uri("/v3/status")
        .exchange((request, response) -> response.getStatusCode().value());
    int viaWebClient = webClientBuilder.baseUrl(other).build().get().uri("/v3/status")
        .exchangeToMono(response -> Mono.just(response.statusCode().value())).block();

    assertEquals(401, viaRestClient);
    assertEquals(401, viaWebClient);
    List<LoggedRequest> received = OTHER.requests();
    assertEquals(2, received.size()); // and neither 401 was retried
    for (LoggedRequest r : received) {
      assertNull(r.getHeader("Authorization"));
      assertNull(r.getHeader("x-api-key"));
    }
    assertEquals(1, IMS.requestCount());
  }

  @Test
  @Order(3)
  void aFirst401ThroughRestClientIsRetriedOnceWithANewToken() {
    FIREFLY.refuseNextRevoked();

    assertEquals("{\"status\":\"ok\"}", firefly.get().uri("/v3/revoked").retrieve().body(String.class));

    assertRetriedWithANewToken(remember(FIREFLY.requests()));
    assertEquals(2, IMS.requestCount());
  }

  @Test
  @Order(4)
  void aFirst401ThroughWebClientIsRetriedOnceWithANewToken() {
    FIREFLY.refuseNextRevoked();

    assertEquals("{\"status\":\"ok\"}",
        fireflyReactive.get().uri("/v3/revoked").retrieve().bodyToMono(String.class).block());

    assertRetriedWithANewToken(remember(FIREFLY.requests()));
    assertEquals(3, IMS.requestCount());
  }

  static void assertRetriedWithANewToken(List<LoggedRequest> requests) {
    assertEquals(2, requests.size());
    String refused = requests.get(0).getHeader("Authorization");
    String retried = requests.get(1).getHeader("Authorization");
    assertNotEquals(refused, retried);
    assertThat(IMS.isValidAuthorization(retried)).isTrue();
  }

  @Test
  @Order(5)
  void aSecond401IsTheCallersWithoutAnotherRetry() {
    FIREFLY.refuseNextRevoked();
    int viaRestClient = firefly.get().uri("/v3/always-refused")
        .exchange((request, response) -> response.getStatusCode().value());
    int viaWebClient = fireflyReactive.get().uri("/v3/always-refused")
        .exchangeToMono(response -> Mono.just(response.statusCode().value())).block();

    assertEquals(401, viaRestClient);
    assertEquals(401, viaWebClient);
    assertEquals(4, remember(FIREFLY.requests()).size()); // each: the first try and one retry
    assertEquals(5, IMS.requestCount()); // each refused token dropped once
  }

  @Test
  @Order(6)
  void actuatorShowsTheHealthAndTheMetersWithoutASecret() throws Exception {
    String health = mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.components.firefly.status").value("UP"))
        .andExpect(jsonPath("$.components.firefly.details.expiresInSeconds", Matchers.greaterThan(86_000)))
        .andExpect(jsonPath("$.components.firefly.details.source").value("exchange"))
        .andReturn().getResponse().getContentAsString();
    String exchanges = mvc.perform(get("/actuator/metrics/firefly.auth.exchanges").param("tag", "outcome:success"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.measurements[0].statistic").value("COUNT"))
        .andExpect(jsonPath("$.measurements[0].value").value((double) IMS.requestCount()))
        .andReturn().getResponse().getContentAsString();
    mvc.perform(get("/actuator/metrics/firefly.auth.exchanges"))
        .andExpect(jsonPath("$.availableTags[0].tag").value("outcome"))
        .andExpect(jsonPath("$.availableTags[0].values", Matchers.containsInAnyOrder("success", "store", "failure")));
    mvc.perform(get("/actuator/metrics/firefly.auth.exchange").param("tag", "outcome:success"))
        .andExpect(jsonPath("$.measurements[0].value").value((double) IMS.requestCount()));
    mvc.perform(get("/actuator/metrics/firefly.auth.token.expiry"))
        .andExpect(jsonPath("$.baseUnit").value("seconds"))
        .andExpect(jsonPath("$.measurements[0].value", Matchers.greaterThan(86_000.0)));

    assertEquals(5, IMS.requestCount()); // probes and scrapes asked for no token
    for (String text : List.of(health, exchanges)) {
      assertThat(text).doesNotContain(CLIENT.clientSecret());
      SENT.forEach(a -> assertThat(text).doesNotContain(a.substring("Bearer ".length())));
    }
  }

  @Test
  @Order(7)
  void nothingSecretWasLogged(CapturedOutput output) {
    assertThat(SENT).hasSizeGreaterThanOrEqualTo(5);
    assertThat(output.getAll()).doesNotContain(CLIENT.clientSecret());
    SENT.forEach(a -> assertThat(output.getAll()).doesNotContain(a.substring("Bearer ".length())));
  }
}

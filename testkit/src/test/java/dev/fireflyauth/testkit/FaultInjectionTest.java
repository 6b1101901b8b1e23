package dev.fireflyauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults on demand for the next N token requests, as {@code java.net.http} sees them. */
class FaultInjectionTest {
  private final FakeTimeSource time = new FakeTimeSource();
  private final ImsEmulator ims = ImsEmulator.builder().timeSource(time).build();
  private final RegisteredClient client = ims.registerClient();
  private final Http http = new Http();

  @AfterEach
  void close() {
    ims.close();
  }

  private int status() {
    return http.token(ims.tokenUrl(), client).statusCode();
  }

  @Test
  void serverErrorsForTheNextNRequestsThenNormalAnswers() {
    ims.faults().next(2).serverError(503);
    var r = http.token(ims.tokenUrl(), client);
    assertEquals(503, r.statusCode());
    assertEquals("server_error", Http.json(r).get("error").asText());
    assertTrue(r.headers().firstValue("x-debug-id").isPresent());
    assertEquals(503, status());
    assertEquals(200, status());
    assertEquals(0, ims.faults().pending());
  }

  @Test
  void tooManyRequestsCarriesRetryAfterInWholeSeconds() {
    ims.faults().next().tooManyRequests(Duration.ofSeconds(3)).next().tooManyRequests(Duration.ofMillis(1200));
    var first = http.token(ims.tokenUrl(), client);
    assertEquals(429, first.statusCode());
    assertEquals("3", first.headers().firstValue("retry-after").orElse(""));
    assertEquals("too_many_requests", Http.json(first).get("error").asText());
    assertEquals("2", http.token(ims.tokenUrl(), client).headers().firstValue("retry-after").orElse(""));
    assertEquals(200, status());
  }

  @Test
  void delaySleepsOnTheEmulatorsClockThenAnswers() {
    ims.faults().next(2).delay(Duration.ofSeconds(40));
    assertEquals(200, status());
    assertEquals(200, status());
    assertEquals(2, time.sleeps());
    assertEquals(Duration.ofSeconds(80), time.slept());
  }

  @Test
  void delayOnTheSystemClockTripsAClientTimeout() {
    try (ImsEmulator real = ImsEmulator.start()) {
      RegisteredClient c = real.registerClient();
      real.faults().next().delay(Duration.ofMinutes(5));
      HttpRequest slow = Http.tokenRequest(real.tokenUrl(), c).timeout(Duration.ofMillis(300)).build();
      assertThrows(HttpTimeoutException.class, () -> http.sendOrThrow(slow));
      assertEquals(200, http.token(real.tokenUrl(), c).statusCode(), "a delayed request does not block others");
    }
  }

  @Test
  void dropConnectionClosesTheSocketWithoutAResponse() {
    ims.faults().next().dropConnection();
    HttpRequest request = Http.tokenRequest(ims.tokenUrl(), client).timeout(Duration.ofSeconds(30)).build();
    IOException e = assertThrows(IOException.class, () -> http.sendOrThrow(request));
    assertFalse(e instanceof HttpTimeoutException, "dropped, not timed out: " + e);
    assertEquals(1, ims.requestCount(client.clientId()), "the client did not retry the POST");
    assertEquals(200, status());
  }

  @Test
  void faultsApplyInTheOrderQueued() {
    ims.faults().next().serverError(500).next().tooManyRequests(Duration.ZERO).next().serverError(502);
    assertEquals(3, ims.faults().pending());
    assertEquals(500, status());
    assertEquals(429, status());
    assertEquals(502, status());
    assertEquals(200, status());
  }

  @Test
  void faultedRequestsAreCounted() {
    ims.faults().next(3).serverError(500);
    for (int i = 0; i < 3; i++) {
      status();
    }
    assertEquals(3, ims.requestCount());
    assertEquals(3, ims.requestCount(client.clientId()));
  }

  @Test
  void aFaultHitsAnyTokenRequestEvenABadOne() {
    ims.faults().next().serverError(500);
    var r = http.post(ims.tokenUrl(), Http.FORM, Http.form("grant_type", "password"));
    assertEquals(500, r.statusCode());
  }

  @Test
  void clearForgetsQueuedFaults() {
    ims.faults().next(5).serverError(500);
    ims.faults().clear();
    assertEquals(0, ims.faults().pending());
    assertEquals(200, status());
  }

  @Test
  void aNonServerErrorStatusIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ims.faults().next().serverError(404));
    assertEquals("a server error status must be 500-599, was 404", e.getMessage());
  }

  @Test
  void zeroRequestsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ims.faults().next(0));
    assertEquals("the number of faulted requests must be at least 1, was 0", e.getMessage());
  }

  @Test
  void aNegativeDelayIsRefused() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> ims.faults().next().delay(Duration.ofSeconds(-1)));
    assertEquals("delay must not be negative, was PT-1S", e.getMessage());
  }

  @Test
  void aNegativeRetryAfterIsRefused() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> ims.faults().next().tooManyRequests(Duration.ofSeconds(-1)));
    assertEquals("retryAfter must not be negative, was PT-1S", e.getMessage());
  }
}

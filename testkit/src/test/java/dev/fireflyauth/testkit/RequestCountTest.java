package dev.fireflyauth.testkit;

import static dev.fireflyauth.testkit.Http.FORM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request counts, in all and per client: how a test proves a token cache went to IMS once. */
class RequestCountTest {
  private final ImsEmulator ims = ImsEmulator.start();
  private final RegisteredClient a = ims.registerClient();
  private final RegisteredClient b = ims.registerClient();
  private final Http http = new Http();

  @AfterEach
  void close() {
    ims.close();
  }

  @Test
  void countsEachClientSeparately() {
    http.token(ims.tokenUrl(), a);
    http.token(ims.tokenUrl(), a);
    http.token(ims.tokenUrl(), b);
    assertEquals(3, ims.requestCount());
    assertEquals(2, ims.requestCount(a.clientId()));
    assertEquals(1, ims.requestCount(b.clientId()));
  }

  @Test
  void countsRejectedRequestsAndUnknownClients() {
    http.post(ims.tokenUrl(), FORM, Http.form("grant_type", "client_credentials", "client_id", a.clientId(),
        "client_secret", "wrong", "scope", "openid"));
    http.post(ims.tokenUrl(), FORM, Http.form("client_id", "stranger"));
    assertEquals(1, ims.requestCount(a.clientId()));
    assertEquals(1, ims.requestCount("stranger"));
    assertEquals(2, ims.requestCount());
  }

  @Test
  void aRequestWithoutAFormCountsOnlyInTheTotal() {
    http.send(HttpRequest.newBuilder(ims.tokenUrl()).GET().build());
    assertEquals(1, ims.requestCount());
    assertEquals(0, ims.requestCount(a.clientId()));
  }

  @Test
  void otherPathsAreNotTokenRequests() {
    http.post(ims.tokenUrl().resolve("/ims/token/v2"), FORM, "");
    assertEquals(0, ims.requestCount());
  }

  @Test
  void aClientNeverSeenHasCountZero() {
    assertEquals(0, ims.requestCount("never-seen"));
  }
}

package dev.fireflyauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Secret rotation at run time, as Adobe Developer Console allows it: at most two live secrets per client. */
class SecretRotationTest {
  private static final List<String> SCOPES = List.of("openid", "firefly_api");

  private final ImsEmulator ims = ImsEmulator.start();
  private final RegisteredClient first = ims.registerClient("client-rotation", "p8e-first", SCOPES);
  private final Http http = new Http();

  @AfterEach
  void close() {
    ims.close();
  }

  private int status(String secret) {
    return http.token(ims.tokenUrl(), new RegisteredClient(first.clientId(), secret, SCOPES)).statusCode();
  }

  @Test
  void keepingTheOldSecretLeavesBothLive() {
    RegisteredClient second = ims.rotateSecret(first.clientId(), "p8e-second", true);
    assertEquals("p8e-second", second.clientSecret());
    assertEquals(200, status("p8e-first"));
    assertEquals(200, status("p8e-second"));
  }

  @Test
  void aThirdSecretRetiresTheOldest() {
    ims.rotateSecret(first.clientId(), "p8e-second", true);
    ims.rotateSecret(first.clientId(), "p8e-third", true);
    assertEquals(401, status("p8e-first"));
    assertEquals(200, status("p8e-second"));
    assertEquals(200, status("p8e-third"));
  }

  @Test
  void notKeepingTheOldSecretRetiresIt() {
    ims.rotateSecret(first.clientId(), "p8e-second", false);
    assertEquals(401, status("p8e-first"));
    assertEquals(200, status("p8e-second"));
  }

  @Test
  void aRandomNewSecretWorksAndKeepsTheScopes() {
    RegisteredClient rotated = ims.rotateSecret(first.clientId(), false);
    assertNotEquals(first.clientSecret(), rotated.clientSecret());
    assertEquals(SCOPES, rotated.scopes());
    assertEquals(200, http.token(ims.tokenUrl(), rotated).statusCode());
    assertEquals(401, status(first.clientSecret()));
  }

  @Test
  void tokensIssuedBeforeRotationStayValid() {
    String token = Http.accessToken(http.token(ims.tokenUrl(), first));
    ims.rotateSecret(first.clientId(), "p8e-second", false);
    assertTrue(ims.isValidToken(token));
  }

  @Test
  void rotatingAnUnknownClientFails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ims.rotateSecret("nobody", "p8e-x", true));
    assertEquals("client ID nobody is not registered", e.getMessage());
  }

  @Test
  void rotatingToABlankSecretFails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ims.rotateSecret(first.clientId(), " ", true));
    assertEquals("newSecret must not be blank", e.getMessage());
  }

  @Test
  void registeringAClientIdTwiceFails() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> ims.registerClient(first.clientId(), "p8e-other", SCOPES));
    assertEquals("client ID client-rotation is already registered", e.getMessage());
    assertEquals(200, status("p8e-first"), "the first registration is untouched");
  }

  @Test
  void registeringAScopeWithACommaFails() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> ims.registerClient("c2", "p8e-x", List.of("openid,AdobeID")));
    assertEquals("scope 'openid,AdobeID' must be a non-blank word without a comma", e.getMessage());
  }

  @Test
  void registeringABlankClientIdFails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ims.registerClient("", "p8e-x", SCOPES));
    assertEquals("clientId must not be blank", e.getMessage());
  }

  @Test
  void toStringNeverShowsTheSecret() {
    RegisteredClient rotated = ims.rotateSecret(first.clientId(), "p8e-second", true);
    assertEquals("RegisteredClient[clientId=client-rotation, scopes=openid,firefly_api]", rotated.toString());
    assertFalse(ims.toString().contains("p8e-"), ims.toString());
    assertFalse(rotated.credentials().toString().contains("p8e-second"));
  }
}

package dev.fireflyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocatorTest {

  @Test
  void parsesSourceOnly() {
    Locator l = Locator.parse("firefly:env");
    assertEquals("env", l.source());
    assertEquals("", l.part());
    assertEquals(Map.of(), l.params());
  }

  @Test
  void parsesPathAndQuery() {
    Locator l = Locator.parse("firefly:file:/etc/firefly/credentials.json?profile=prod");
    assertEquals("file", l.source());
    assertEquals("/etc/firefly/credentials.json", l.part());
    assertEquals("prod", l.param("profile").orElseThrow());
    assertEquals("firefly:file:/etc/firefly/credentials.json?profile=prod", l.text());
    assertEquals("firefly:file:/etc/firefly/credentials.json?profile=…", l.toString(), "messages never show values");
  }

  @Test
  void keepsColonsInThePartAndDecodesQueryValues() {
    Locator l = Locator.parse(
        "firefly:aws-secrets:arn:aws:secretsmanager:us-east-1:123:secret:prod/firefly?region=us-east-1&stage=AWS%20CURRENT");
    assertEquals("aws-secrets", l.source());
    assertEquals("arn:aws:secretsmanager:us-east-1:123:secret:prod/firefly", l.part());
    assertEquals(List.of("region", "stage"), List.copyOf(l.params().keySet()));
    assertEquals("AWS CURRENT", l.param("stage").orElseThrow());
  }

  @Test
  void queryWithoutPart() {
    assertEquals("MYAPP_", Locator.parse("firefly:env?prefix=MYAPP_").param("prefix").orElseThrow());
  }

  private static String error(String text) {
    return assertThrows(ConfigurationException.class, () -> Locator.parse(text)).getMessage();
  }

  @Test
  void wrongScheme() {
    assertEquals("malformed locator 'jdbc:env': it must start with 'firefly:'"
        + " (expected firefly:<source>[:<part>][?key=value&...])", error("jdbc:env"));
  }

  @Test
  void missingSource() {
    assertTrue(error("firefly:").contains("the source name after 'firefly:' is missing"));
    assertTrue(error("firefly::x").contains("the source name after 'firefly:' is missing"));
  }

  @Test
  void badSourceCharacters() {
    assertTrue(error("firefly:Env").contains("the source name 'Env' may only hold lower-case letters"));
  }

  @Test
  void emptyParameterName() {
    assertTrue(error("firefly:env?=x").contains("a query parameter has no name"));
  }

  @Test
  void duplicateParameter() {
    assertTrue(error("firefly:env?prefix=A&prefix=B").contains("parameter 'prefix' is given twice"));
  }

  @Test
  void badPercentEncoding() {
    String msg = error("firefly:env?prefix=%zz");
    assertTrue(msg.contains("bad percent-encoding in a query parameter"), msg);
    assertFalse(msg.contains("%zz"), msg);
  }

  @ParameterizedTest
  @ValueSource(strings = {"secret", "client_secret", "client-secret", "client_secrets", "apiSecret", "secretKey",
      "Password", "db.passwd", "access_token", "refreshToken", "privateKey"})
  void aParameterNamedLikeASecretIsRefusedWithoutShowingItsValue(String name) {
    String msg = error("firefly:env?" + name + "=VALUE-hunter2");
    assertTrue(msg.contains("parameter '" + name + "' looks like a secret"), msg);
    assertFalse(msg.contains("VALUE-hunter2"), msg);
  }

  @Test
  void aNameEndingInFieldNamesWhereAValueIsKeptAndIsAllowed() {
    assertEquals("client_secret", Locator.parse("firefly:aws-secrets:x?secretField=client_secret")
        .param("secretField").orElseThrow());
  }

  @Test
  void aNameThatIsNotPlainIsNotEchoedEither() {
    String msg = error("firefly:env?p8e%20secret%2Fpasted=1");
    assertFalse(msg.contains("p8e"), msg);
    assertTrue(msg.contains("(a parameter whose name is not shown)"), msg);
  }

  @Test
  void malformedLocatorMessagesShowNoValue() {
    String msg = error("nofirefly:env?prefix=hunter2");
    assertFalse(msg.contains("hunter2"), msg);
    assertTrue(msg.contains("'nofirefly:env?prefix=…'"), msg);
  }

  @Test
  void aLocatorNeverCarriesASecret() {
    String msg = error("firefly:env?client_secret=hunter2-secret");
    assertTrue(msg.contains("parameter 'client_secret' looks like a secret"), msg);
    assertTrue(error("firefly:file:/x?token=abc").contains("looks like a secret"));
  }
}

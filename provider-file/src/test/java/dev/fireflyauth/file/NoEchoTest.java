package dev.fireflyauth.file;

import static dev.fireflyauth.file.Fixtures.assertMentions;
import static dev.fireflyauth.file.Fixtures.brokenMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fireflyauth.Setting;
import dev.fireflyauth.testkit.TestSourceContext;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages about a file name what they found in it without echoing values: a dotenv key is shown only when it
 * is a credential name we read, Developer Console fields only as short cleaned strings or by kind. Every fake
 * secret holds {@link Fixtures#SECRET_MARKER}, which {@link Fixtures#brokenMessage} scans for.
 */
class NoEchoTest {
  @TempDir Path dir;

  @Test
  void dotenvKeyThatIsReallyASecretIsNotEchoed() throws IOException {
    // A secret pasted where a key belongs, followed by an unclosed quote: only the line number may show.
    Path file = Fixtures.write(dir, "firefly.env",
        "FIREFLY_SERVICES_CLIENT_ID=fake-id\np8e-FAKE-SECRET-as-key=\"oops\n");
    assertEquals("file " + file + " [profile default]: line 2: the double quote is not closed on the same line",
        brokenMessage(file));
  }

  @Test
  void dotenvKeyThatIsReallyASecretIsNotEchoedAfterAClosingQuoteEither() throws IOException {
    Path file = Fixtures.write(dir, "firefly.env", "p8e_FAKE_SECRET_key='x' y\n");
    String message = brokenMessage(file);
    assertMentions(message, "line 1: unexpected text after the closing quote");
    assertFalse(message.contains("p8e_FAKE"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"FIREFLY_SERVICES_CLIENT_SECRET", "client_secret", "firefly.services.client.secret",
      "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS"})
  void knownCredentialKeysAreNamed(String key) throws IOException {
    Path file = Fixtures.write(dir, "firefly.env", "FIREFLY_SERVICES_CLIENT_ID=fake-id\n" + key + "='p8e-FAKE-SECRET-x\n");
    assertMentions(brokenMessage(file), "line 2 (" + key + "): the single quote is not closed");
  }

  @Test
  void consoleIntegrationTypeThatIsAnObjectIsDescribedByKind() throws IOException {
    Path file = Fixtures.write(dir, "project.json", console(
        "{\"name\": \"legacy\", \"integration_type\": {\"jwt_secret\": \"p8e-FAKE-SECRET-jwt\"}, \"jwt\": {}}"));
    assertMentions(brokenMessage(file), "no OAuth Server-to-Server credential (it has: an integration_type that is"
        + " an object)");
  }

  @Test
  void consoleNameThatIsAnObjectIsDescribedByKind() throws IOException {
    Path file = Fixtures.write(dir, "project.json", console(
        s2s("{\"jwt_secret\": \"p8e-FAKE-SECRET-name\"}", "p8e-FAKE-SECRET-one") + ", "
            + s2s("\"batch\"", "p8e-FAKE-SECRET-two")));
    assertMentions(brokenMessage(file),
        "several OAuth Server-to-Server credentials (a credential whose name is an object, batch)");
  }

  @Test
  void consoleNameHoldingASecretOfTheFileIsRedactedAndLongNamesAreCut() throws IOException {
    String longName = "a long name ".repeat(20);
    Path file = Fixtures.write(dir, "project.json", console(
        s2s("\"copy of p8e-FAKE-SECRET-one\"", "p8e-FAKE-SECRET-one") + ", " + s2s("\"" + longName + "\"",
            "p8e-FAKE-SECRET-two") + ", " + s2s("\"line\\nbreak\"", "p8e-FAKE-SECRET-three")));
    String message = brokenMessage(() -> Fixtures.load(new FileCredentialSource(),
        TestSourceContext.of(Fixtures.settingsFor(file).put(Setting.PROFILE, "other").build())));
    assertMentions(message, "its credentials are: copy of [redacted], "
        + longName.substring(0, Shown.MAX_LENGTH - 1) + "…, line break");
    assertFalse(message.contains(longName.substring(0, Shown.MAX_LENGTH)), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void profileNamesAreShownCleaned() throws IOException {
    Path file = Fixtures.write(dir, "c.json", "{\"profiles\": {\"prod\\r\\nFAKE: forged\": {\"client_id\": \"x\","
        + " \"client_secret\": \"p8e-FAKE-SECRET-p\"}}}");
    String message = brokenMessage(file);
    assertMentions(message, "profile 'default'", "its profiles are: prod FAKE: forged");
    assertFalse(message.contains("\r") || message.contains("\n"), message);
  }

  private static String console(String credentials) {
    return "{\"project\": {\"org\": {\"ims_org_id\": \"FAKEORG@AdobeOrg\"}, \"workspace\": {\"details\": "
        + "{\"credentials\": [" + credentials + "]}}}}";
  }

  private static String s2s(String name, String secret) {
    return "{\"name\": " + name + ", \"integration_type\": \"oauth_server_to_server\", \"oauth_server_to_server\": "
        + "{\"client_id\": \"fake-id\", \"client_secrets\": [\"" + secret + "\"]}}";
  }
}

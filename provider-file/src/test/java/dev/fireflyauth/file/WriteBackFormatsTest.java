package dev.fireflyauth.file;

import static dev.fireflyauth.file.WriteBacks.NEWER;
import static dev.fireflyauth.file.WriteBacks.NEWEST;
import static dev.fireflyauth.file.WriteBacks.json;
import static dev.fireflyauth.file.WriteBacks.resource;
import static dev.fireflyauth.file.WriteBacks.secrets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.support.JsonProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each file format takes a rotated secret: newest first, the previous one kept as the second live secret, and
 * everything else in the file preserved. Each test reads the result back with a fresh source.
 */
class WriteBackFormatsTest {
  private static final Secret DEV = Secret.of("p8e-FAKE-SECRET-dev");

  @TempDir Path dir;

  @Test
  void jsonSingleSecretBecomesAnArrayInItsPlaceAndAllElseIsKept() throws IOException, JsonProblem {
    Path file = Fixtures.write(dir, "credentials.json", "{\n  \"client_id\": \"fake-id\",\n"
        + "  \"client_secret\": \"p8e-FAKE-SECRET-single\",\n  \"scopes\": [\"openid\", \"firefly_api\"],\n"
        + "  \"note\": \"keep me \\u00e9\",\n  \"weight\": 1.50,\n  \"big\": 12345678901234567890,\n"
        + "  \"extra\": {\"enabled\": true, \"none\": null, \"list\": [{\"a\": 1}]}\n}\n");
    Map<?, ?> before = json(file);
    WriteBacks.of(file, null).write(NEWEST, Secret.of("p8e-FAKE-SECRET-single"));

    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-single"), secrets(file, null));
    Map<?, ?> after = json(file);
    assertEquals(List.of("client_id", "client_secrets", "scopes", "note", "weight", "big", "extra"),
        new ArrayList<>(after.keySet()));
    Map<Object, Object> expected = new LinkedHashMap<>(before);
    expected.remove("client_secret");
    expected.put("client_secrets", List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-single"));
    assertEquals(expected, after);
    assertEquals("{\n  \"client_id\": \"fake-id\",\n  \"client_secrets\": [\"" + NEWEST.reveal()
        + "\", \"p8e-FAKE-SECRET-single\"],\n  \"scopes\": [\"openid\", \"firefly_api\"],\n  \"note\": \"keep me é\",\n"
        + "  \"weight\": 1.50,\n  \"big\": 12345678901234567890,\n  \"extra\": {\n    \"enabled\": true,\n"
        + "    \"none\": null,\n    \"list\": [\n      {\n        \"a\": 1\n      }\n    ]\n  }\n}\n",
        Files.readString(file), "two-space pretty printing");
  }

  @Test
  void jsonArrayKeepsTheNewestAndThePreviousOnly() throws IOException {
    Path file = Fixtures.copy("formats/json/full.json", dir);
    WriteBacks.of(file, null).write(NEWEST, Secret.of("p8e-FAKE-SECRET-newest"));
    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-newest"), secrets(file, null));
  }

  @Test
  void jsonProfileChangesThatProfileOnly() throws IOException, JsonProblem {
    Path file = Fixtures.copy("formats/json/profiles.json", dir);
    Map<?, ?> before = json(file);
    WriteBacks.of(file, "prod").write(NEWEST, Secret.of("p8e-FAKE-SECRET-prod-new"));

    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-prod-new"), secrets(file, "prod"));
    assertEquals(List.of(DEV.reveal()), secrets(file, null));
    Map<?, ?> profilesBefore = (Map<?, ?>) before.get("profiles");
    Map<?, ?> profilesAfter = (Map<?, ?>) json(file).get("profiles");
    assertEquals(profilesBefore.get("default"), profilesAfter.get("default"));
    assertEquals(List.of("default", "prod"), new ArrayList<>(profilesAfter.keySet()));
    assertEquals(List.of("client_id", "client_secrets", "scopes", "org_id"),
        new ArrayList<>(((Map<?, ?>) profilesAfter.get("prod")).keySet()));
  }

  @Test
  void jsonDefaultProfileWithASingleSecret() throws IOException {
    Path file = Fixtures.copy("formats/json/profiles.json", dir);
    WriteBacks.of(file, null).write(NEWEST, DEV);
    assertEquals(List.of(NEWEST.reveal(), DEV.reveal()), secrets(file, null));
    assertEquals(List.of("p8e-FAKE-SECRET-prod-new", "p8e-FAKE-SECRET-prod-old"), secrets(file, "prod"));
  }

  @Test
  void twoRotationsInARowDropTheOldest() throws IOException {
    Path file = Fixtures.copy("formats/json/single-secret.json", dir);
    SecretWriteBack writeBack = WriteBacks.of(file, null);
    writeBack.write(NEWEST, Secret.of("p8e-FAKE-SECRET-single"));
    writeBack.write(NEWER, NEWEST);
    assertEquals(List.of(NEWER.reveal(), NEWEST.reveal()), secrets(file, null));
  }

  @Test
  void consoleProjectChangesTheSelectedCredentialsSecretsOnly() throws IOException, JsonProblem {
    Path file = Fixtures.copy("formats/console/project.json", dir);
    Map<?, ?> before = json(file);
    WriteBacks.of(file, null).write(NEWEST, Secret.of("p8e-FAKE-SECRET-console-new"));

    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-console-new"), secrets(file, null));
    assertEquals(withSecrets(before, 0, List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-console-new")), json(file));
  }

  @Test
  void consoleProjectWithSeveralCredentialsChangesTheNamedOne() throws IOException, JsonProblem {
    Path file = Fixtures.copy("formats/console/two-credentials.json", dir);
    Map<?, ?> before = json(file);
    WriteBacks.of(file, "batch").write(NEWEST, Secret.of("p8e-FAKE-SECRET-batch"));

    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-batch"), secrets(file, "batch"));
    assertEquals(List.of("p8e-FAKE-SECRET-ci"), secrets(file, "ci"));
    assertEquals(withSecrets(before, 1, List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-batch")), json(file));
  }

  @Test
  void dotenvReplacesTheValueAndAddsThePreviousLineAfterIt() throws IOException {
    Path file = Fixtures.copy("formats/dotenv/firefly.env", dir);
    String original = resource("formats/dotenv/firefly.env");
    String secretLine = "FIREFLY_SERVICES_CLIENT_SECRET=\"p8e-FAKE-SECRET-env#not-a-comment\"   # quoted, with a trailing comment\n";
    WriteBacks.of(file, null).write(NEWEST, Secret.of("p8e-FAKE-SECRET-env#not-a-comment"));

    assertEquals(original.replace(secretLine,
        "FIREFLY_SERVICES_CLIENT_SECRET=\"" + NEWEST.reveal() + "\"   # quoted, with a trailing comment\n"
            + "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS=\"p8e-FAKE-SECRET-env#not-a-comment\"\n"),
        Files.readString(file));
    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-env#not-a-comment"), secrets(file, null));

    WriteBacks.of(file, null).write(NEWER, NEWEST);
    assertEquals(original.replace(secretLine,
        "FIREFLY_SERVICES_CLIENT_SECRET=\"" + NEWER.reveal() + "\"   # quoted, with a trailing comment\n"
            + "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS=\"" + NEWEST.reveal() + "\"\n"),
        Files.readString(file), "the previous line is replaced in place");
    assertEquals(List.of(NEWER.reveal(), NEWEST.reveal()), secrets(file, null));
  }

  @Test
  void propertiesFileUsesThePropertySpellingAndSeparator() throws IOException {
    Path file = Fixtures.copy("formats/dotenv/firefly.properties", dir);
    String original = resource("formats/dotenv/firefly.properties");
    WriteBacks.of(file, null).write(NEWEST, Secret.of("p8e-FAKE-SECRET-props"));

    assertEquals(original.replace("firefly.services.client.secret: p8e-FAKE-SECRET-props\n",
        "firefly.services.client.secret: " + NEWEST.reveal() + "\n"
            + "firefly.services.client.secret.previous: p8e-FAKE-SECRET-props\n"), Files.readString(file));
    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-props"), secrets(file, null));
  }

  @Test
  void dotenvKeepsByteOrderMarkAndWindowsLineBreaksByteForByte() throws IOException {
    Path file = Fixtures.copy("formats/dotenv/bom-crlf.env", dir);
    WriteBacks.of(file, null).write(NEWEST, Secret.of("p8e-FAKE-SECRET-bom-env"));
    String expected = "\uFEFFFIREFLY_SERVICES_CLIENT_ID=fake-bom-env-id\r\n"
        + "FIREFLY_SERVICES_CLIENT_SECRET=" + NEWEST.reveal() + "\r\n"
        + "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS=p8e-FAKE-SECRET-bom-env\r\n";
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-bom-env"), secrets(file, null));
  }

  @Test
  void dotenvWhoseLastLineHasNoLineBreakGetsOneBeforeTheAddedLine() throws IOException {
    Path file = Fixtures.write(dir, "firefly.env",
        "  export client_id = fake-id\n  export client_secret = 'p8e-FAKE-SECRET-last'");
    WriteBacks.of(file, null).write(NEWEST, Secret.of("p8e-FAKE-SECRET-last"));
    assertEquals("  export client_id = fake-id\n  export client_secret = '" + NEWEST.reveal() + "'\n"
        + "  export FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS = 'p8e-FAKE-SECRET-last'", Files.readString(file));
    assertEquals(List.of(NEWEST.reveal(), "p8e-FAKE-SECRET-last"), secrets(file, null));
  }

  @Test
  void dotenvQuotesASecretThatNeedsIt() throws IOException {
    Path file = Fixtures.write(dir, "firefly.env", "FIREFLY_SERVICES_CLIENT_ID=fake-id\n"
        + "FIREFLY_SERVICES_CLIENT_SECRET=p8e-FAKE-SECRET-plain\n");
    Secret awkward = Secret.of("p8e-FAKE-SECRET with \"quotes\", a #hash and a \\backslash");
    Secret single = Secret.of("p8e-FAKE-SECRET-it's");
    WriteBacks.of(file, null).write(awkward, single);
    assertEquals(List.of(awkward.reveal(), single.reveal()), secrets(file, null));
  }

  @Test
  void removeDropsTheRetiredSecretFromJson() throws IOException {
    Path file = Fixtures.copy("formats/json/full.json", dir);
    WriteBacks.of(file, null).remove(Secret.of("p8e-FAKE-SECRET-older"));
    assertEquals(List.of("p8e-FAKE-SECRET-newest"), secrets(file, null));
  }

  @Test
  void removeDropsTheRetiredSecretFromAConsoleProject() throws IOException {
    Path file = Fixtures.copy("formats/console/project.json", dir);
    WriteBacks.of(file, null).remove(Secret.of("p8e-FAKE-SECRET-console-old"));
    assertEquals(List.of("p8e-FAKE-SECRET-console-new"), secrets(file, null));
  }

  @Test
  void removeDropsThePreviousLineOfADotenvFile() throws IOException {
    Path file = Fixtures.copy("formats/dotenv/firefly.env", dir);
    SecretWriteBack writeBack = WriteBacks.of(file, null);
    writeBack.write(NEWEST, Secret.of("p8e-FAKE-SECRET-env#not-a-comment"));
    writeBack.remove(Secret.of("p8e-FAKE-SECRET-env#not-a-comment"));
    assertEquals(resource("formats/dotenv/firefly.env").replace("p8e-FAKE-SECRET-env#not-a-comment", NEWEST.reveal()),
        Files.readString(file));
    assertEquals(List.of(NEWEST.reveal()), secrets(file, null));
  }

  @Test
  void removingASecretThatIsNotLiveChangesNothing() throws IOException {
    Path file = Fixtures.copy("formats/json/full.json", dir);
    Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    WriteBacks.of(file, null).remove(Secret.of("p8e-FAKE-SECRET-unknown"));
    assertEquals(resource("formats/json/full.json"), Files.readString(file));
    assertEquals(inode, Files.readAttributes(file, BasicFileAttributes.class).fileKey(), "not rewritten");
  }

  @Test
  void removingTheOnlySecretIsRefusedAndChangesNothing() throws IOException {
    Path file = Fixtures.copy("formats/json/single-secret.json", dir);
    String message = Fixtures.brokenMessage(() -> WriteBacks.of(file, null).remove(Secret.of("p8e-FAKE-SECRET-single")));
    Fixtures.assertMentions(message, "file " + file, "its only live secret", "left unchanged");
    assertEquals(resource("formats/json/single-secret.json"), Files.readString(file));
  }

  @Test
  void theSameSourceSeesItsOwnWriteBack() throws IOException {
    Path file = Fixtures.copy("formats/json/single-secret.json", dir);
    FileCredentialSource source = new FileCredentialSource();
    var context = WriteBacks.context(file, null);
    assertEquals(1, Fixtures.load(source, context).secrets().size());
    source.writeBack(context).orElseThrow().write(NEWEST, Secret.of("p8e-FAKE-SECRET-single"));
    assertEquals(NEWEST, Fixtures.load(source, context).secrets().get(0));
    assertFalse(Files.readString(file).contains("\"client_secret\""));
  }

  /** {@code doc} with credential {@code index}'s {@code client_secrets} replaced. */
  @SuppressWarnings("unchecked")
  private static Map<?, ?> withSecrets(Map<?, ?> doc, int index, List<String> secrets) {
    Map<String, Object> copy = (Map<String, Object>) deepCopy(doc);
    Map<String, Object> project = (Map<String, Object>) copy.get("project");
    Map<String, Object> workspace = (Map<String, Object>) project.get("workspace");
    Map<String, Object> details = (Map<String, Object>) workspace.get("details");
    List<Object> credentials = (List<Object>) details.get("credentials");
    Map<String, Object> credential = (Map<String, Object>) credentials.get(index);
    ((Map<String, Object>) credential.get(ConsoleProject.S2S)).put("client_secrets", secrets);
    return copy;
  }

  private static Object deepCopy(Object node) {
    if (node instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, deepCopy(v)));
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(deepCopy(v)));
      return out;
    }
    return node;
  }
}

package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process, against the test kit's IMS emulator: every verb and every exit code. */
class CliTest {
  private static ImsEmulator ims;
  private static RegisteredClient client;
  private static final List<String> secrets = new ArrayList<>();

  @BeforeAll
  static void startIms() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
    secrets.add(client.clientSecret());
  }

  @AfterAll
  static void stopIms() {
    ims.close();
  }

  private static Map<String, String> env() {
    return CliFixtures.env(ims, client);
  }

  private static CliRun run(Map<String, String> env, String... args) {
    CliRun r = CliRun.run(env, args);
    // Any token printed on stdout must never reach stderr either.
    List<String> hidden = new ArrayList<>(secrets);
    hidden.addAll(CliFixtures.tokensIn(r.out, ims));
    return r.assertStderrFreeOf(hidden);
  }

  @Test
  void tokenPrintsOnlyTheToken() {
    CliRun r = run(env(), "token");
    assertEquals(0, r.exit, r::toString);
    assertTrue(ims.isValidToken(r.out.trim()), r::toString);
    assertEquals(1, r.out.split("\n").length);
    assertEquals("", r.err);
  }

  @Test
  void tokenJson() {
    CliRun r = run(env(), "token", "--json");
    assertEquals(0, r.exit, r::toString);
    Map<?, ?> json = CliFixtures.json(r.out);
    assertTrue(ims.isValidToken(String.valueOf(json.get("token"))));
    assertEquals("bearer", String.valueOf(json.get("type")).toLowerCase());
    assertTrue(Instant.parse(String.valueOf(json.get("expires_at"))).isAfter(Instant.now()));
    assertEquals("ims via env FIREFLY_SERVICES_CLIENT_ID", String.valueOf(json.get("origin")));
  }

  @Test
  void tokenWithAnExplicitSource() {
    Map<String, String> env = env();
    env.put("MYAPP_CLIENT_ID", env.remove("FIREFLY_SERVICES_CLIENT_ID"));
    env.put("MYAPP_CLIENT_SECRET", env.remove("FIREFLY_SERVICES_CLIENT_SECRET"));
    CliRun r = run(env, "token", "--source", "firefly:env?prefix=MYAPP_");
    assertEquals(0, r.exit, r::toString);
    assertTrue(ims.isValidToken(r.out.trim()));
  }

  @Test
  void headersPrintsTheTwoFireflyHeaders() {
    CliRun r = run(env(), "headers");
    assertEquals(0, r.exit, r::toString);
    String[] lines = r.out.split("\n");
    assertEquals(2, lines.length, r::toString);
    assertEquals("x-api-key: " + client.clientId(), lines[0]);
    assertTrue(ims.isValidAuthorization(lines[1].substring("Authorization: ".length())), r::toString);
  }

  @Test
  void sourcesExplainsTheChainWithoutSecrets() {
    CliRun r = run(env(), "sources");
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.lines().anyMatch(l -> l.matches("source +env +used .*\\[env FIREFLY_SERVICES_CLIENT_ID\\]")), r::toString);
    assertTrue(r.out.lines().anyMatch(l -> l.matches("source +file +not tried +an earlier source was used")), r::toString);
    assertTrue(r.out.lines().anyMatch(l -> l.matches("token +ims +used .*")), r::toString);
    assertFalse(r.out.contains(client.clientSecret()));
    assertFalse(r.out.contains(client.clientId()), "the client ID is masked: " + r.out);
    assertTrue(r.out.contains(client.clientId().substring(client.clientId().length() - 4)));
  }

  @Test
  void sourcesWithNothingConfiguredExitsThree() {
    CliRun r = run(Map.of(), "sources");
    assertEquals(3, r.exit, r::toString);
    assertTrue(r.out.contains("FIREFLY_SERVICES_CLIENT_ID / firefly.services.client.id is not set"), r::toString);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run(env(), "tokn").exit);
    assertEquals(2, run(env(), "token", "--nope").exit);
    CliRun none = run(env());
    assertEquals(2, none.exit);
    assertTrue(none.err.contains("a verb is required"), none::toString);
  }

  @Test
  void helpAndVersion() {
    for (String verb : List.of("token", "headers", "sources", "demo")) {
      CliRun r = run(env(), verb, "--help");
      assertEquals(0, r.exit, r::toString);
      assertTrue(r.out.contains("Usage: firefly-auth " + verb), r::toString);
    }
    CliRun top = run(env(), "--help");
    assertTrue(top.out.contains("Exit codes:"), top::toString);
    CliRun v = run(env(), "--version");
    assertEquals(0, v.exit);
    assertTrue(v.out.startsWith("firefly-auth 0."), v::toString);
  }

  @Test
  void noCredentialsExitsThreeWithOneClearLine() {
    CliRun r = run(Map.of(), "token");
    assertEquals(3, r.exit, r::toString);
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("firefly-auth: no Firefly credentials found. Tried: env: "), r::toString);
    assertEquals(1, r.err.strip().split("\n").length, r::toString);
  }

  @Test
  void rejectedSecretExitsFour() {
    Map<String, String> env = env();
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", "wrong-secret-for-the-demo-client");
    secrets.add("wrong-secret-for-the-demo-client");
    CliRun r = run(env, "token");
    assertEquals(4, r.exit, r::toString);
    assertTrue(r.err.contains("invalid_client"), r::toString);
    assertEquals(1, r.err.strip().split("\n").length, "one failure, one line: " + r);
    assertEquals("", r.out);
  }

  @Test
  void unreachableImsExitsFive() throws IOException {
    String url = CliFixtures.unreachableTokenUrl();
    Map<String, String> env = env();
    env.put("FIREFLY_IMS_URL", url);
    CliRun r = run(env, "token");
    assertEquals(5, r.exit, r::toString);
    assertTrue(r.err.contains(url), r::toString);
    assertEquals(1, r.err.strip().split("\n").length, "one failure, one line: " + r);
  }

  @Test
  void malformedCredentialsFileExitsSix(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("credentials.json");
    Files.writeString(file, "{\"client_id\": \"abc\", \"client_secret\": \"s3cr3t-in-a-broken-file\"");
    secrets.add("s3cr3t-in-a-broken-file");
    CliRun r = run(Map.of("FIREFLY_CREDENTIALS_FILE", file.toString()), "token", "--verbose");
    assertEquals(6, r.exit, r::toString);
    assertTrue(r.err.contains(file.toString()), r::toString);
  }

  @Test
  void badLocatorExitsSixAndListsKnownSources() {
    CliRun r = run(env(), "token", "--source", "firefly:vault:x");
    assertEquals(6, r.exit, r::toString);
    assertTrue(r.err.contains("Known sources: env, file, aws-secrets"), r::toString);
    CliRun malformed = run(env(), "token", "--source", "vault://x");
    assertEquals(6, malformed.exit, malformed::toString);
  }

  @Test
  void warningsGoToStderrAsOneLineAndQuietHidesThem() {
    Map<String, String> env = env();
    env.put("FIREFLY_CLIENT_ID", env.remove("FIREFLY_SERVICES_CLIENT_ID"));
    CliRun r = run(env, "token");
    assertEquals(0, r.exit, r::toString);
    assertEquals("warning: environment variable FIREFLY_CLIENT_ID is deprecated: rename it to"
        + " FIREFLY_SERVICES_CLIENT_ID", r.err.strip(), r::toString);
    CliRun quiet = run(env, "token", "--quiet");
    assertEquals(0, quiet.exit);
    assertEquals("", quiet.err);
  }

  @Test
  void staticTokenNeedsNoClientId() {
    CliRun r = run(Map.of("FIREFLY_SERVICES_ACCESS_TOKEN", "ready-made-token-0123456789"), "token", "--json");
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("\"token\":\"ready-made-token-0123456789\""), r::toString);
    assertTrue(r.out.contains("\"origin\":\"static-token (environment variable FIREFLY_SERVICES_ACCESS_TOKEN)\""), r::toString);
  }

  @Test
  void demoRunsTheWholeFlowOffline() {
    CliRun r = run(Map.of(), "demo");
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("$ firefly-auth sources"), r::toString);
    assertTrue(r.out.contains("the emulator accepts this bearer token: yes"), r::toString);
    assertTrue(r.out.contains("Second token() call: served from the cache (IMS token requests for this client: 1)"),
        r::toString);
  }
}

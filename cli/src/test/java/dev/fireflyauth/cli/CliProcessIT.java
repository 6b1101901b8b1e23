package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI as users run it: a fresh JVM on the shaded jar, talking to the emulator over loopback. */
class CliProcessIT {
  private static ImsEmulator ims;
  private static RegisteredClient client;
  @TempDir static Path home;

  @BeforeAll
  static void start() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
  }

  @AfterAll
  static void stop() {
    ims.close();
  }

  /** A finished process: exit code, stdout, stderr. */
  private static final class Run {
    final int exit;
    final String out;
    final String err;

    Run(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Map<String, String> env() {
    return CliFixtures.env(ims, client);
  }

  private static Run run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("FIREFLY_AUTH_JAVA_OPTS", "-Duser.home=" + home);
    pb.environment().putAll(env);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    assertFalse(r.err.contains(client.clientSecret()), "stderr leaks the secret: " + r);
    for (String t : CliFixtures.tokensIn(r.out, ims)) {
      assertFalse(r.err.contains(t), "stderr leaks the token: " + r);
    }
    return r;
  }

  private static Run cli(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + home, "-jar", System.getProperty("cli.jar")));
    cmd.addAll(List.of(args));
    return run(cmd, env);
  }

  @Test
  void tokenExitsZeroAndPrintsOnlyTheToken() throws Exception {
    Run r = cli(env(), "token");
    assertEquals(0, r.exit, r::toString);
    assertTrue(ims.isValidToken(r.out.strip()), r::toString);
    assertEquals("", r.err, r::toString);
  }

  @Test
  void tokenJsonParses() throws Exception {
    Run r = cli(env(), "token", "--json");
    assertEquals(0, r.exit, r::toString);
    Map<?, ?> json = CliFixtures.json(r.out);
    assertTrue(ims.isValidToken(String.valueOf(json.get("token"))));
    assertEquals("ims via env FIREFLY_SERVICES_CLIENT_ID", String.valueOf(json.get("origin")));
    assertTrue(json.get("expires_at") != null && json.get("type") != null, r::toString);
  }

  @Test
  void headersAndSources() throws Exception {
    Run h = cli(env(), "headers");
    assertEquals(0, h.exit, h::toString);
    assertTrue(h.out.startsWith("x-api-key: " + client.clientId() + "\nAuthorization: Bearer "), h::toString);
    Run s = cli(env(), "sources");
    assertEquals(0, s.exit, s::toString);
    assertTrue(s.out.contains("env") && s.out.contains("used"), s::toString);
    assertFalse(s.out.contains(client.clientSecret()));
  }

  @Test
  void usageErrorExitsTwo() throws Exception {
    Run r = cli(env(), "token", "--bogus");
    assertEquals(2, r.exit, r::toString);
    assertEquals("", r.out);
    assertTrue(r.err.contains("Unknown option: '--bogus'"), r::toString);
  }

  @Test
  void noCredentialsExitsThree() throws Exception {
    Run r = cli(Map.of(), "token");
    assertEquals(3, r.exit, r::toString);
    assertEquals("", r.out);
    assertFalse(r.err.contains("\tat "), "no stack trace: " + r);
  }

  @Test
  void rejectedSecretExitsFour() throws Exception {
    Map<String, String> env = env();
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", "not-the-registered-secret");
    Run r = cli(env, "token");
    assertEquals(4, r.exit, r::toString);
    assertFalse(r.err.contains("not-the-registered-secret"), r::toString);
  }

  @Test
  void imsDownExitsFive() throws Exception {
    String url = CliFixtures.unreachableTokenUrl();
    Map<String, String> env = env();
    env.put("FIREFLY_IMS_URL", url);
    Run r = cli(env, "token");
    assertEquals(5, r.exit, r::toString);
    assertEquals("", r.out);
  }

  @Test
  void malformedFileAndBadLocatorExitSix(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials.json");
    Files.writeString(file, "client_id = [");
    Run r = cli(Map.of("FIREFLY_CREDENTIALS_FILE", file.toString()), "token");
    assertEquals(6, r.exit, r::toString);
    Run l = cli(env(), "token", "--source", "firefly:nope");
    assertEquals(6, l.exit, l::toString);
    assertTrue(l.err.contains("Known sources: env, file, aws-secrets"), l::toString);
  }

  @Test
  void theLauncherScriptRunsTheDemo() throws Exception {
    Path script = Paths.get(System.getProperty("repo.root"), "bin", "firefly-auth").toAbsolutePath().normalize();
    Run r = run(List.of("bash", script.toString(), "demo"), Map.of());
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("$ firefly-auth sources"), r::toString);
    assertTrue(r.out.contains("source env            used"), r::toString);
    assertTrue(r.out.contains("Second token() call: served from the cache (IMS token requests for this client: 1)"),
        r::toString);
  }

  @Test
  void versionAndHelp() throws Exception {
    Run v = cli(Map.of(), "--version");
    assertEquals(0, v.exit, v::toString);
    assertTrue(v.out.startsWith("firefly-auth 0.1.0"), v::toString);
    Run h = cli(Map.of(), "token", "--help");
    assertEquals(0, h.exit, h::toString);
    assertTrue(h.out.contains("--source=LOCATOR"), h::toString);
  }
}

package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path and picocli agree: every command line the fast path takes gives the same exit code, stdout and
 * stderr through both (tokens and expiry times aside, which differ per exchange); everything else goes to
 * picocli.
 */
class FastPathTest {
  private static ImsEmulator ims;
  private static RegisteredClient client;

  @BeforeAll
  static void startIms() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
  }

  @AfterAll
  static void stopIms() {
    ims.close();
  }

  private static Map<String, String> working() {
    return CliFixtures.env(ims, client);
  }

  private static Map<String, String> rejected() {
    Map<String, String> env = CliFixtures.env(ims, client);
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", "wrong-secret-for-the-fast-path");
    return env;
  }

  private static Map<String, String> nothing() {
    return Map.of("XDG_CACHE_HOME", CliFixtures.freshDir("xdg-cache").toString());
  }

  static Stream<Arguments> fastForms() {
    Supplier<Map<String, String>> ok = FastPathTest::working;
    return Stream.of(
        Arguments.of(ok, new String[] {"token"}),
        Arguments.of(ok, new String[] {"token", "--json"}),
        Arguments.of(ok, new String[] {"token", "--no-store", "--json"}),
        Arguments.of(ok, new String[] {"token", "-q"}),
        Arguments.of(ok, new String[] {"token", "--quiet", "--verbose"}),
        Arguments.of(ok, new String[] {"token", "--source", "firefly:env"}),
        Arguments.of(ok, new String[] {"token", "--source=firefly:env", "--json", "--no-store"}),
        Arguments.of(ok, new String[] {"headers"}),
        Arguments.of(ok, new String[] {"headers", "--no-store", "-q"}),
        Arguments.of(ok, new String[] {"headers", "--source", "firefly:env", "--verbose"}),
        Arguments.of((Supplier<Map<String, String>>) FastPathTest::nothing, new String[] {"token"}),
        Arguments.of((Supplier<Map<String, String>>) FastPathTest::nothing, new String[] {"token", "--verbose"}),
        Arguments.of((Supplier<Map<String, String>>) FastPathTest::nothing, new String[] {"headers", "--verbose"}),
        Arguments.of((Supplier<Map<String, String>>) FastPathTest::rejected, new String[] {"token"}),
        Arguments.of((Supplier<Map<String, String>>) FastPathTest::rejected, new String[] {"headers", "--verbose"}),
        Arguments.of(ok, new String[] {"token", "--source", "firefly:nosuch"}),
        Arguments.of(ok, new String[] {"token", "--source", "firefly:file:/no/such/file.json", "--verbose"}));
  }

  @ParameterizedTest
  @MethodSource("fastForms")
  void theFastPathAnswersExactlyAsPicocliDoes(Supplier<Map<String, String>> env, String[] args) {
    assertNotNull(FastPath.parse(args), "the fast path takes " + String.join(" ", args));
    String fast = normalized(run(env.get(), args, true));
    String picocli = normalized(run(env.get(), args, false));
    assertEquals(picocli, fast);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "--help", "--version", "sources", "--quiet token", "token --help", "token -h", "token --nope",
    "token --json --json", "token -q -q", "token --verbose --verbose", "token --no-store --no-store",
    "headers --json", "token --source", "token --source --json", "token --source=", "token --source @args.txt",
    "token --source a --source b", "token @args.txt", "token extra", "token -qv", "token --json=true", "tokens"
  })
  void everythingElseGoesToPicocli(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertNull(FastPath.parse(args), "picocli must parse: " + line);
  }

  /** Exit code, stdout and stderr of one run; through the fast path when {@code fast}, else through picocli. */
  private static String run(Map<String, String> env, String[] args, boolean fast) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Settings settings = Settings.builder().environment(env).build();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = fast ? Cli.execute(args, settings, o, e) : new Cli(settings, o, e).executeWithPicocli(args);
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertFalse(stderr.contains(client.clientSecret()), stderr);
    return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }

  /** The text with each token issued by the emulator, each timestamp and IMS's per-request debug id replaced by a placeholder. */
  private static String normalized(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      for (String token : CliFixtures.tokensIn(line, ims)) {
        line = line.replace(token, "<token>");
      }
      b.append(line.replaceAll("\"token\":\"[^\"]*\"", "\"token\":\"<token>\"")
          .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")
          .replaceAll("x-debug-id [0-9a-f-]+", "x-debug-id <id>")).append('\n');
    }
    return b.toString();
  }
}

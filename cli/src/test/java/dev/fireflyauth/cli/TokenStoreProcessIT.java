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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The file token store across real processes of the packaged CLI: many processes started together make one
 * exchange, a process killed while it holds the lock delays the others only until the kernel drops its lock,
 * nothing readable lands on disk, and a broken store never fails a run.
 */
@Tag("slow")
@Timeout(600)
class TokenStoreProcessIT {
  private ImsEmulator ims;
  private RegisteredClient client;
  private Map<String, String> env;
  private Path store;

  @BeforeEach
  void start() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
    env = CliFixtures.env(ims, client);
    store = Path.of(env.get("XDG_CACHE_HOME"), "firefly-auth");
  }

  @AfterEach
  void stop() {
    ims.close();
  }

  private ProcessBuilder cli(Map<String, String> environment, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", System.getProperty("cli.jar")));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(environment);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb;
  }

  /** Starts a process whose stdout and stderr go to files, so that many can run at once without pipes filling. */
  private Running launch(Map<String, String> environment, String... args) throws Exception {
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    Process p = cli(environment, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new Running(p, out, err);
  }

  private record Running(Process process, Path out, Path err) {
    String finish() throws Exception {
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("a CLI process did not finish");
      }
      String o = Files.readString(out, StandardCharsets.UTF_8);
      String e = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), () -> "exit " + process.exitValue() + "\n" + o + e);
      return o.strip();
    }

    String stderr() throws Exception {
      return Files.readString(err, StandardCharsets.UTF_8);
    }
  }

  @Test
  void thirtyTwoProcessesStartedTogetherOnAnEmptyStoreMakeOneExchange() throws Exception {
    List<Running> all = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      all.add(launch(env, "token"));
    }
    Set<String> tokens = new HashSet<>();
    for (Running r : all) {
      tokens.add(r.finish());
      assertEquals("", r.stderr());
    }
    assertEquals(1, tokens.size(), "every process printed the same token");
    assertTrue(ims.isValidToken(tokens.iterator().next()));
    assertEquals(1, ims.requestCount(client.clientId()));
    scanStore(tokens.iterator().next());
  }

  @Test
  void aHundredSequentialRunsMakeOneExchange() throws Exception {
    String first = launch(env, "token").finish();
    for (int i = 1; i < 100; i++) {
      assertEquals(first, launch(env, "token").finish());
    }
    assertEquals(1, ims.requestCount(client.clientId()));
    scanStore(first);
  }

  @Test
  void aProcessKilledWhileHoldingTheLockDelaysTheOthersOnlyUntilItDies() throws Exception {
    ims.faults().next().delay(Duration.ofSeconds(30)); // the first exchange hangs
    Running holder = launch(env, "token");
    while (ims.requestCount(client.clientId()) == 0) {
      Thread.sleep(20); // it holds the lock and waits for IMS
    }
    Running waiter = launch(env, "token");
    Thread.sleep(500); // the waiter is blocked on the lock now
    new ProcessBuilder("kill", "-KILL", Long.toString(holder.process().pid())).start().waitFor();
    String token = waiter.finish();
    assertTrue(ims.isValidToken(token));
    assertEquals(2, ims.requestCount(client.clientId()), "the waiter exchanged once the lock was released");
  }

  @Test
  void aWrongSecretIsNeverServedTheStoredToken() throws Exception {
    launch(env, "token").finish();
    Map<String, String> wrong = new java.util.HashMap<>(env);
    wrong.put("FIREFLY_SERVICES_CLIENT_SECRET", "not-the-registered-secret");
    Process p = cli(wrong, "token").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(4, p.exitValue(), output);
    assertFalse(output.contains("not-the-registered-secret"), output);
    assertEquals(2, ims.requestCount(client.clientId()), "IMS, not the store, answered the wrong secret");
  }

  @Test
  void tamperedTruncatedAndForeignEntriesAreOneWarningAndReplaced() throws Exception {
    launch(env, "token").finish();
    Path entry = onlyEntry();
    byte[] good = Files.readAllBytes(entry);
    List<byte[]> damaged = List.of(
        flip(good, good.length - 1), java.util.Arrays.copyOf(good, good.length / 2), "garbage".getBytes());
    int exchanges = 1;
    for (byte[] d : damaged) {
      Files.write(entry, d);
      Running r = launch(env, "token");
      assertTrue(ims.isValidToken(r.finish()));
      exchanges++;
      List<String> warnings = r.stderr().lines().toList();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).startsWith("warning: ignoring a stored token in file " + store), warnings.get(0));
      assertEquals(exchanges, ims.requestCount(client.clientId()));
    }
    // The last run replaced the entry: the next one is served from the store again.
    launch(env, "token").finish();
    assertEquals(exchanges, ims.requestCount(client.clientId()));
  }

  @Test
  void aCacheHomeThatIsARegularFileIsOneWarning() throws Exception {
    Path file = Files.writeString(Files.createTempFile("xdg", ".txt"), "not a directory");
    Map<String, String> e = new java.util.HashMap<>(env);
    e.put("XDG_CACHE_HOME", file.toString());
    Running r = launch(e, "token");
    assertTrue(ims.isValidToken(r.finish()));
    assertEquals(1, r.stderr().lines().count(), r.stderr());
  }

  private static byte[] flip(byte[] b, int at) {
    byte[] c = b.clone();
    c[at] ^= 0x55;
    return c;
  }

  private Path onlyEntry() throws Exception {
    try (Stream<Path> files = Files.list(store)) {
      return files.filter(p -> p.toString().endsWith(".token")).findFirst().orElseThrow();
    }
  }

  /** Nothing under the store holds the token, the secret or the client ID; modes are 0700 and 0600. */
  private void scanStore(String token) throws Exception {
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
    try (Stream<Path> files = Files.walk(store)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(token), f + " holds the token");
        assertFalse(content.contains(client.clientSecret()), f + " holds the secret");
        assertFalse(content.contains(client.clientId()), f + " holds the client ID");
      }
    }
  }
}

package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ConsoleSecret;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firefly-auth secrets rotate} as users run it: the shaded jar in a fresh JVM, against the emulator over
 * loopback, on a JSON credentials file; then another process exchanges with the new secret.
 */
class SecretsRotateProcessIT {
  @TempDir Path dir;
  private SecretsFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Run cli(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + dir, "-jar", System.getProperty("cli.jar")));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", dir.toString());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        new File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void rotateRewritesTheJsonFileAndTheNextProcessUsesTheNewSecret() throws Exception {
    f = new SecretsFixture(dir);
    Path file = f.jsonFile();
    String old = f.uuidOf(f.client.clientSecret()).orElseThrow();

    Run r = cli(f.env(file), "secrets", "rotate", "--delete-old");

    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.err(), r::toString);
    assertFalse(SecretsFixture.ANY_SECRET.matcher(r.out()).find(), () -> "a secret on stdout: " + r);
    List<?> secrets = SecretsFixture.jsonSecrets(file);
    assertEquals(1, secrets.size(), "the old secret was deleted and removed: " + secrets.size());
    String uuid = f.uuidOf(secrets.get(0)).orElseThrow();
    assertEquals(List.of(uuid), f.uuids());
    assertTrue(r.out().contains("added client secret " + uuid + " to credential " + f.client.credentialId()),
        r::toString);
    assertTrue(r.out().contains("\ndeleted the previous secret " + old + " in Adobe\n"), r::toString);
    assertTrue(r.out().endsWith("rotated: the new secret " + uuid + " is in use\n"), r::toString);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "the mode is kept");

    ConsoleSecret proven = f.ims.secrets(f.client.clientId()).get(0);
    assertTrue(proven.lastUsed().isPresent(), "rotate proved the new secret with an exchange");
    Run token = cli(f.env(file), "token", "--no-store");
    assertEquals(0, token.exit(), token::toString);
    assertTrue(f.ims.isValidToken(token.out().strip()), token::toString);
    ConsoleSecret after = f.ims.secrets(f.client.clientId()).get(0);
    assertTrue(after.lastUsed().get().isAfter(proven.lastUsed().get()), "the next process exchanged the new secret");
    assertFalse(SecretsFixture.ANY_SECRET.matcher(token.err()).find(), token::toString);
  }
}

package dev.fireflyauth.process;

import static dev.fireflyauth.process.Fixtures.commandLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testkit.ImsEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the IMS emulator: the command's answer is kept until its {@code expires_at}; the secret is
 * rotated in the "secret manager" (a file the command reads), IMS rejects the kept one, and the token provider's
 * re-load bypasses the cache, runs the command again and gets a token with the new secret.
 */
class RotationWithImsTest {
  @TempDir Path tmp;

  @Test
  void aSecretRotatedBehindTheCommandIsPickedUpWhenImsRejectsTheKeptOne() throws Exception {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    Path secretFile = f.file("secret");
    Files.writeString(secretFile, "old-rotating-secret-aaaa");
    try (ImsEmulator ims = ImsEmulator.start()) {
      ims.registerClient("rotating-client", "old-rotating-secret-aaaa", ClientCredentials.DEFAULT_SCOPES);
      Settings settings = Settings.builder()
          .put(ProcessRequest.COMMAND, commandLine(f.script("rotating.sh"), counter, secretFile))
          .put(ProcessRequest.TIMEOUT, "10")
          .put(Setting.IMS_URL, ims.tokenUrl().toString())
          .build();
      try (FireflyAuth auth = FireflyAuth.builder().settings(settings).sources("process")
          .timeSource(new FakeTimeSource()).build()) {
        AccessToken first = auth.token();
        assertTrue(ims.isValidToken(first.value().reveal()));
        int runsBefore = Fixtures.runs(counter);
        assertEquals(1, runsBefore, "the answer is kept until its expires_at");

        ims.rotateSecret("rotating-client", "new-rotating-secret-bbbb", false);
        Files.writeString(secretFile, "new-rotating-secret-bbbb");
        auth.invalidate(first);
        AccessToken second = auth.token();

        assertTrue(ims.isValidToken(second.value().reveal()));
        assertEquals(2, Fixtures.runs(counter), "one more run, forced by the rejection");
        String trace = auth.explain().toString();
        assertTrue(!trace.contains("rotating-secret") && !trace.contains(tmp.toString()), trace);
      }
    }
  }
}

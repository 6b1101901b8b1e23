package dev.fireflyauth.file;

import static dev.fireflyauth.file.Fixtures.assertMentions;
import static dev.fireflyauth.file.Fixtures.brokenMessage;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client ID holding a line break would forge an extra header where it is sent as {@code x-api-key}: every
 * format refuses it as broken, without quoting the value.
 */
class ControlCharacterTest {
  private static final String ID_PART = "fake-forged-id";

  @TempDir Path dir;

  private static void assertRefused(String message) {
    assertMentions(message, "the client ID contains a control character");
    assertFalse(message.contains(ID_PART), message);
  }

  @Test
  void json() throws IOException {
    Path file = Fixtures.write(dir, "c.json",
        "{\"client_id\": \"" + ID_PART + "\\r\\nAuthorization: x\", \"client_secret\": \"p8e-FAKE-SECRET-j\"}");
    assertRefused(brokenMessage(file));
  }

  @Test
  void consoleProject() throws IOException {
    Path file = Fixtures.write(dir, "project.json", "{\"project\": {\"workspace\": {\"details\": {\"credentials\": [{"
        + "\"name\": \"c\", \"oauth_server_to_server\": {\"client_id\": \"" + ID_PART + "\\nx\", "
        + "\"client_secrets\": [\"p8e-FAKE-SECRET-c\"]}}]}}}}");
    assertRefused(brokenMessage(file));
  }

  @Test
  void dotenvEscapedLineBreak() throws IOException {
    Path file = Fixtures.write(dir, "firefly.env",
        "FIREFLY_SERVICES_CLIENT_ID=\"" + ID_PART + "\\nAuthorization: x\"\nFIREFLY_SERVICES_CLIENT_SECRET=p8e-FAKE-SECRET-d\n");
    assertRefused(brokenMessage(file));
  }

  @Test
  void secretVolumeFileWithALineBreakInside() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("volume"));
    Fixtures.write(volume, "client_id", ID_PART + "\r\nAuthorization: x\n");
    Fixtures.write(volume, "client_secret", "p8e-FAKE-SECRET-v\n");
    assertRefused(brokenMessage(volume));
  }
}

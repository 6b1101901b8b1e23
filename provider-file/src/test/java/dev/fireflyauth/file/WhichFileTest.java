package dev.fireflyauth.file;

import dev.fireflyauth.testkit.TestSourceContext;
import static dev.fireflyauth.file.Fixtures.assertMentions;
import static dev.fireflyauth.file.Fixtures.brokenMessage;
import static dev.fireflyauth.file.Fixtures.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file and profile are read: locator, then settings, then the default location; and what absent means. */
class WhichFileTest {
  @TempDir Path home;
  private final FileCredentialSource source = new FileCredentialSource();

  private Path defaultFile() throws IOException {
    Path dir = Files.createDirectories(home.resolve(".config/firefly"));
    return copy("formats/json/profiles.json", dir, "credentials.json");
  }

  @Test
  void missingDefaultFileIsNotConfiguredAndSaysWhereItLooked() {
    TestSourceContext context = TestSourceContext.of(Settings.builder().put("user.home", home.toString()).build());
    assertTrue(source.load(context).isEmpty());
    assertEquals(home.resolve(".config/firefly/credentials.json") + " does not exist and "
        + "FIREFLY_CREDENTIALS_FILE is not set", context.reason());
  }

  @Test
  void unknownHomeIsNotConfigured() {
    TestSourceContext context = TestSourceContext.of(Settings.builder().build());
    assertTrue(source.load(context).isEmpty());
    assertMentions(context.reason(), "user.home is unknown");
  }

  @Test
  void defaultFileIsReadWhenItExists() throws IOException {
    Path file = defaultFile();
    TestSourceContext context = TestSourceContext.of(Settings.builder().put("user.home", home.toString()).build());
    assertEquals("file " + file + " [profile default]", Fixtures.load(source, context).origin());
  }

  @Test
  void profileFromTheEnvironmentSelectsAProfileOfTheDefaultFile() throws IOException {
    defaultFile();
    Settings settings = Settings.builder()
        .put("user.home", home.toString())
        .environment(Map.of(Setting.PROFILE.env(), "prod"))
        .build();
    assertEquals("fake-prod-client-id", Fixtures.load(source, TestSourceContext.of(settings)).clientId());
  }

  @Test
  void systemPropertyNamesTheFile() {
    Path file = copy("formats/json/full.json", home);
    Settings settings = Settings.builder()
        .systemProperties(Map.of(Setting.CREDENTIALS_FILE.property(), file.toString()))
        .build();
    assertEquals("fake-client-id-0002", Fixtures.load(source, TestSourceContext.of(settings)).clientId());
  }

  @Test
  void locatorPathAndProfileWinOverSettings() throws IOException {
    Path other = copy("formats/json/full.json", home);
    Path profiles = defaultFile();
    Settings settings = Fixtures.settingsFor(other).put(Setting.PROFILE, "staging").build();
    TestSourceContext context = TestSourceContext.of(settings, "firefly:file:" + profiles + "?profile=prod");
    assertEquals("fake-prod-client-id", Fixtures.load(source, context).clientId());
  }

  @Test
  void locatorWithoutPathUsesTheSetting() {
    Path file = copy("formats/json/full.json", home);
    TestSourceContext context = TestSourceContext.of(Fixtures.settingsFor(file).build(), "firefly:file");
    assertEquals("fake-client-id-0002", Fixtures.load(source, context).clientId());
  }

  @Test
  void tildeMeansTheHomeDirectory() throws IOException {
    Path file = defaultFile();
    Settings settings = Settings.builder()
        .put("user.home", home.toString())
        .put(Setting.CREDENTIALS_FILE, "~/.config/firefly/credentials.json")
        .build();
    assertEquals("file " + file + " [profile default]", Fixtures.load(source, TestSourceContext.of(settings)).origin());
  }

  @Test
  void emptyProfileParameterIsBroken() {
    Path file = copy("formats/json/profiles.json", home);
    String message = brokenMessage(() -> source.load(
        TestSourceContext.of(Settings.builder().build(), "firefly:file:" + file + "?profile=")));
    assertMentions(message, "locator 'firefly:file:" + file + "?profile=…': parameter 'profile' is empty");
  }

  @Test
  void missingFileNamedByTheLocatorSaysSo() {
    Path file = home.resolve("missing.json");
    String message = brokenMessage(() -> source.load(
        TestSourceContext.of(Settings.builder().build(), "firefly:file:" + file)));
    assertMentions(message, "file " + file, "does not exist", "locator 'firefly:file:" + file + "'");
  }
}

package dev.fireflyauth.file;

import static dev.fireflyauth.file.Fixtures.assertMentions;
import static dev.fireflyauth.file.Fixtures.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsNotFoundException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import dev.fireflyauth.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file source as users meet it: discovered by {@link java.util.ServiceLoader} from this module's jar and
 * run by the chain of {@link FireflyAuth} (provider-env is not on this class path, so the chain holds only
 * {@code file}).
 */
class EndToEndTest {
  @TempDir Path home;

  private FireflyAuth auth(Settings.Builder settings) {
    return FireflyAuth.builder().settings(settings.put("user.home", home.toString()).build()).build();
  }

  private Path defaultFile(String resource) throws IOException {
    return Fixtures.copy(resource, Files.createDirectories(home.resolve(".config/firefly")), "credentials.json");
  }

  private static TraceEntry fileEntry(FireflyAuth auth) {
    return auth.explain().stream().filter(e -> e.name().equals("file")).findFirst().orElseThrow();
  }

  @Test
  void absentDefaultFileIsShownAsSkippedInExplain() {
    try (FireflyAuth auth = auth(Settings.builder())) {
      assertEquals(List.of("file"), auth.sourceNames());
      CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, auth::credentials);
      assertMentions(e.getMessage(), "file: ", ".config/firefly/credentials.json does not exist");
      TraceEntry entry = fileEntry(auth);
      assertEquals(TraceEntry.Outcome.SKIPPED, entry.outcome());
      assertEquals(home.resolve(".config/firefly/credentials.json") + " does not exist and "
          + Setting.CREDENTIALS_FILE.env() + " is not set", entry.reason());
    }
  }

  @Test
  void defaultFileFeedsTheChain() throws IOException {
    Path file = defaultFile("formats/json/full.json");
    try (FireflyAuth auth = auth(Settings.builder())) {
      ClientCredentials c = auth.credentials();
      assertEquals("fake-client-id-0002", c.clientId());
      TraceEntry entry = fileEntry(auth);
      assertEquals(TraceEntry.Outcome.USED, entry.outcome());
      assertEquals("file " + file, entry.origin());
      assertEquals("client ID ********0002, 2 secrets", entry.reason());
    }
  }

  @Test
  void locatorInFireflyCredentialsSelectsFileAndProfile() {
    Path file = Fixtures.copy("formats/json/profiles.json", home);
    Settings.Builder settings = Settings.builder()
        .put(Setting.CREDENTIALS, "firefly:file:" + file + "?profile=prod");
    try (FireflyAuth auth = auth(settings)) {
      assertEquals("file " + file + " [profile prod]", auth.credentials().origin());
    }
  }

  @Test
  void brokenFileStopsTheChainAndIsShownAsBroken() throws IOException {
    Path file = defaultFile("bad/invalid.json");
    try (FireflyAuth auth = auth(Settings.builder())) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::credentials);
      assertEquals("file " + file + " [profile default] is not valid JSON: expected ',' or '}' at line 3, column 46",
          e.getMessage());
      assertEquals(TraceEntry.Outcome.BROKEN, fileEntry(auth).outcome());
      assertNoSecret(auth.explain().toString());
    }
  }

  @Test
  void looseFileWarnsThroughSystemLoggerAndInExplainWithoutTheSecret() throws IOException {
    assumeTrue(Fixtures.posix(), "the default file system is not POSIX: no permission bits to check");
    Path file = defaultFile("formats/json/full.json");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (LogCapture logs = LogCapture.start(); FireflyAuth auth = auth(Settings.builder())) {
      auth.credentials();
      String warning = logs.lines().stream().filter(l -> l.startsWith("WARNING"))
          .collect(Collectors.joining("\n"));
      assertMentions(warning, "file " + file + " is readable by group and others", "chmod 600 " + file);
      assertMentions(fileEntry(auth).notes().toString(), "chmod 600 " + file);
      assertNoSecret(logs.text());
      assertNoSecret(auth.explain().toString());
      assertNoSecret(auth.toString());
    }
  }

  @Test
  void rotatedSecretIsSeenWhenTheTokenProviderReloadsAfterARejection() throws IOException {
    Path file = defaultFile("formats/json/single-secret.json");
    AtomicReference<CredentialsHandle> handle = new AtomicReference<>();
    TokenProviderFactory capture = new TokenProviderFactory() {
      @Override
      public String name() {
        return "capture-handle";
      }

      @Override
      public Optional<TokenProvider> create(TokenContext context) {
        handle.set(context.credentials());
        return context.notConfigured("only captures the credentials handle");
      }
    };
    try (FireflyAuth auth = FireflyAuth.builder()
        .settings(Settings.builder().put("user.home", home.toString()).build())
        .addTokenProviderFactory(capture)
        .build()) {
      auth.explain();
      assertEquals("p8e-FAKE-SECRET-single", handle.get().get().secrets().get(0).reveal());
      Files.writeString(file, "{\"client_id\": \"fake-client-id-0001\", "
          + "\"client_secrets\": [\"p8e-FAKE-SECRET-rotated\", \"p8e-FAKE-SECRET-single\"]}");
      ClientCredentials reloaded = handle.get().reload(true);
      assertEquals("p8e-FAKE-SECRET-rotated", reloaded.secrets().get(0).reveal());
      assertEquals(reloaded, auth.credentials());
    }
  }
}

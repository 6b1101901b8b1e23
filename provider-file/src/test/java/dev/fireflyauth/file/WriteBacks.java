package dev.fireflyauth.file;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.testing.LeakScan;
import dev.fireflyauth.testkit.TestSourceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one way write-back tests obtain a write-back and read the result with a fresh source. */
final class WriteBacks {
  static final Secret NEWEST = Secret.of(LeakScan.sensitive("p8e-FAKE-SECRET-rotated-1"));
  static final Secret NEWER = Secret.of(LeakScan.sensitive("p8e-FAKE-SECRET-rotated-2"));

  private WriteBacks() {}

  /** The write-back for {@code file} (named by {@code FIREFLY_CREDENTIALS_FILE}) and {@code profile} (or null). */
  static SecretWriteBack of(Path file, String profile) {
    return of(context(file, profile));
  }

  static SecretWriteBack of(TestSourceContext context) {
    Optional<SecretWriteBack> writeBack = new FileCredentialSource().writeBack(context);
    assertTrue(writeBack.isPresent(), "no write-back offered");
    LeakScan.record(writeBack.get());
    LeakScan.record(writeBack.get().describe());
    Fixtures.assertNoSecret(writeBack.get().toString());
    Fixtures.assertNoSecret(writeBack.get().describe());
    return writeBack.get();
  }

  static TestSourceContext context(Path file, String profile) {
    Settings.Builder settings = Fixtures.settingsFor(file);
    if (profile != null) {
      settings.put(dev.fireflyauth.Setting.PROFILE, profile);
    }
    return TestSourceContext.of(settings.build());
  }

  /** The live secrets a fresh source loads from {@code file} and {@code profile} (or null). */
  static List<String> secrets(Path file, String profile) {
    return Fixtures.load(new FileCredentialSource(), context(file, profile)).secrets().stream()
        .map(Secret::reveal).collect(Collectors.toList());
  }

  static Map<?, ?> json(Path file) throws IOException, JsonProblem {
    return (Map<?, ?>) StrictJson.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The resource's text as a test expects it, line breaks as written there. */
  static String resource(String name) throws IOException {
    try (var in = WriteBacks.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

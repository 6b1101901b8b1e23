package dev.fireflyauth.cli;

import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the in-process and the process CLI tests share: the environment a user exports, and leak checks. */
final class CliFixtures {
  private CliFixtures() {}

  /**
   * The three variables a user sets to get a token from {@code ims} for {@code client}, plus a fresh, empty
   * {@code XDG_CACHE_HOME} so that the CLI's default file store starts empty for each call of this method.
   */
  static Map<String, String> env(ImsEmulator ims, RegisteredClient client) {
    Map<String, String> env = new HashMap<>();
    env.put("FIREFLY_IMS_URL", ims.tokenUrl().toString());
    env.put("FIREFLY_SERVICES_CLIENT_ID", client.clientId());
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", client.clientSecret());
    env.put("XDG_CACHE_HOME", freshDir("xdg-cache").toString());
    return env;
  }

  /** A new empty directory, deleted when the JVM exits. */
  static Path freshDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code text} as a JSON object, parsed by the same strict reader the library uses. */
  static Map<?, ?> json(String text) {
    try {
      return (Map<?, ?>) StrictJson.parse(text.strip());
    } catch (JsonProblem e) {
      throw new AssertionError(e.describe("output"));
    }
  }

  /** A token URL on a loopback port nothing listens on. */
  static String unreachableTokenUrl() {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/ims/token/v3";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every token {@code ims} issued that appears on a line of {@code stdout} (bare, or in a bearer header). */
  static List<String> tokensIn(String stdout, ImsEmulator ims) {
    List<String> tokens = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      String t = line.replace("Authorization: Bearer ", "").trim();
      if (!t.isEmpty() && ims.isValidToken(t)) {
        tokens.add(t);
      }
    }
    return tokens;
  }
}

package dev.fireflyauth.bench;

import dev.fireflyauth.Setting;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the process scenarios P5, P8 and P9 share: the launcher {@code bin/firefly-auth} (the product as users
 * run it), the CLI jar, the minimal POST's own jar, and the environment that points a program at the test kit's
 * IMS emulator with one registered client.
 *
 * <p>Why it exists: the launcher builds a class-data archive on the first token run after a build. Every
 * scenario must measure the steady state (the archive in place), and say what the first run costs; this class
 * makes the archive exactly once, the way a user's first run does (an exchange into an empty token store).
 */
final class CliRig {
  /** The launcher's JVM flags for short-lived verbs, given to the "minimal POST, tuned" row too. */
  static final List<String> SHORT_LIVED_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
      "-XX:-UsePerfData");

  final Path launcher;
  final Path cliJar;
  final Path minimalJar;
  final Path work;
  private Map<String, Object> preparation;

  CliRig(Path launcher, Path cliJar, Path minimalJar) throws IOException {
    this.launcher = launcher.toAbsolutePath();
    this.cliJar = cliJar.toAbsolutePath();
    this.minimalJar = minimalJar.toAbsolutePath();
    this.work = Files.createTempDirectory("firefly-bench-cli-");
  }

  /** Why the process scenarios cannot run here, or null when everything they need exists. */
  String missing() {
    for (Path p : List.of(launcher, cliJar, minimalJar)) {
      if (!Files.isRegularFile(p)) {
        return p + " not found: build with `mvn -B -q -pl bench,cli -am package -DskipTests`";
      }
    }
    return null;
  }

  /** The environment of a program that gets tokens for {@code client} from {@code ims}, storing under {@code xdg}. */
  static Map<String, String> env(ImsEmulator ims, RegisteredClient client, Path xdg) {
    Map<String, String> env = new HashMap<>();
    env.put(Setting.IMS_URL.env(), ims.tokenUrl().toString());
    env.put(Setting.CLIENT_ID.env(), client.clientId());
    env.put(Setting.CLIENT_SECRET.env(), client.clientSecret());
    env.put("XDG_CACHE_HOME", xdg.toString());
    return env;
  }

  /** A fresh, empty {@code XDG_CACHE_HOME} for the file store (the JDK creates it 0700). */
  Path freshStore() throws IOException {
    return Files.createTempDirectory(work, "xdg-");
  }

  List<String> cli(String... args) {
    List<String> c = new ArrayList<>(List.of(launcher.toString()));
    c.addAll(List.of(args));
    return c;
  }

  List<String> minimal() {
    return List.of(Processes.java(), "-jar", minimalJar.toString());
  }

  /**
   * Makes sure the launcher's archive exists: when it does not, runs the first token run a user would (an
   * exchange into an empty store), then waits for the background build. Returns what that cost, once.
   */
  synchronized Map<String, Object> prepare(ImsEmulator ims) throws Exception {
    if (preparation != null) {
      return preparation;
    }
    Map<String, Object> p = new HashMap<>();
    if (archives().isEmpty()) {
      RegisteredClient client = ims.registerClient();
      Processes.Finished first = Processes.run(cli("token"), env(ims, client, freshStore()), 120)
          .requireToken("the first `firefly-auth token` run");
      long t0 = System.nanoTime();
      while (archives().isEmpty() || Files.exists(cliJar.resolveSibling(".firefly-auth.archive.lock"))) {
        if (System.nanoTime() - t0 > 120_000_000_000L) {
          throw new IllegalStateException("the launcher built no archive next to " + cliJar + " in 120 s");
        }
        Thread.sleep(100);
      }
      p.put("first_run_ms", Stats.millis(first.nanos()));
      p.put("archive_built_after_s", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
    } else {
      p.put("first_run_ms", "archive already present");
    }
    p.put("archive", archives().toString());
    preparation = p;
    return p;
  }

  /** The launcher's archives next to the CLI jar. */
  List<String> archives() throws IOException {
    try (Stream<Path> s = Files.list(cliJar.getParent())) {
      return s.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("firefly-auth.") && (n.endsWith(".jsa") || n.endsWith(".aot")))
          .sorted()
          .toList();
    }
  }
}

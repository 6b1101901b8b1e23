package dev.fireflyauth.bench;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * P5: {@code java -jar firefly-auth.jar token} as a fresh process against the test kit's IMS emulator on
 * loopback, against {@link MinimalTokenPost} doing the same single POST. Runs alternate (which goes first
 * alternates too); the figure is the ratio of the median wall times.
 */
final class ColdStart implements Scenario {
  private final Path cliJar;
  private final int runs;

  ColdStart(Path cliJar, int runs) {
    this.cliJar = cliJar;
    this.runs = runs;
  }

  @Override
  public String id() {
    return "p5";
  }

  @Override
  public Results run() throws Exception {
    Results r = new Results("P5 cold start", runs + " interleaved runs each of `java -jar " + cliJar.getFileName()
        + " token` and `java -cp benchmarks.jar " + MinimalTokenPost.class.getName() + "`, fresh processes, the"
        + " IMS emulator on loopback; wall time from process start to exit");
    if (!Files.isRegularFile(cliJar)) {
      return r.note("not_run", "CLI jar not found at " + cliJar + ": build it with"
          + " `mvn -B -q -DskipTests -pl cli -am package`");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String benchJar = new File(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    List<String> cli = List.of(java, "-jar", cliJar.toString(), "token");
    List<String> minimal = List.of(java, "-cp", benchJar, MinimalTokenPost.class.getName());
    long[] ours = new long[runs];
    long[] peer = new long[runs];
    try (ImsEmulator ims = ImsEmulator.start()) {
      RegisteredClient client = ims.registerClient();
      Map<String, String> env = Map.of(
          "FIREFLY_IMS_URL", ims.tokenUrl().toString(),
          "FIREFLY_SERVICES_CLIENT_ID", client.clientId(),
          "FIREFLY_SERVICES_CLIENT_SECRET", client.clientSecret());
      time(cli, env);
      time(minimal, env);
      for (int i = 0; i < runs; i++) {
        if (i % 2 == 0) {
          ours[i] = time(cli, env);
          peer[i] = time(minimal, env);
        } else {
          peer[i] = time(minimal, env);
          ours[i] = time(cli, env);
        }
      }
    }
    long oursMedian = Stats.percentile(ours, 50);
    long peerMedian = Stats.percentile(peer, 50);
    return r.note("cli_median_ms", Stats.millis(oursMedian))
        .note("minimal_median_ms", Stats.millis(peerMedian))
        .note("ratio", Math.round(100.0 * oursMedian / peerMedian) / 100.0)
        .note("cli_runs_ms", Arrays.stream(ours).mapToDouble(Stats::millis).toArray())
        .note("minimal_runs_ms", Arrays.stream(peer).mapToDouble(Stats::millis).toArray());
  }

  /** Runs {@code command} to completion with {@code env} added; returns its wall time, failing on a non-zero exit. */
  private static long time(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("FIREFLY_") || k.startsWith("JAVA_TOOL_OPTIONS"));
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int exit = p.waitFor();
    long elapsed = System.nanoTime() - t0;
    if (exit != 0 || out.isEmpty() || out.contains(" ")) {
      throw new IllegalStateException(command.get(command.size() - 1) + " exited " + exit + " without a token: "
          + (err.length() > 300 ? err.substring(0, 300) : err));
    }
    return elapsed;
  }
}

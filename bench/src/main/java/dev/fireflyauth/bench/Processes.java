package dev.fireflyauth.bench;

import dev.fireflyauth.spi.support.PeerText;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the programs the process scenarios (P5, P8..P11) compare, as fresh processes with a controlled
 * environment, and times them from start to exit.
 *
 * <p>Why it exists: every process scenario must start its programs the same way, so that the environment (no
 * inherited {@code FIREFLY_*}, {@code JAVA_TOOL_OPTIONS} or launcher settings from the shell that runs the
 * bench) and the clock (start to exit, output drained concurrently) are the same for ours and the peer's.
 */
final class Processes {
  /** One daemon thread per stream being drained: 32 processes started together must not wait for each other. */
  private static final ExecutorService DRAINERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bench-drain");
    t.setDaemon(true);
    return t;
  });

  private Processes() {}

  /** A finished process: exit code, what it printed, and its wall time from start to exit. */
  record Finished(int exit, String out, String err, long nanos) {
    /** Throws unless the process exited 0 and printed one token-looking line (no space, not empty). */
    Finished requireToken(String what) {
      if (exit != 0 || out.isBlank() || out.strip().contains(" ")) {
        throw new IllegalStateException(what + " exited " + exit + " without a token: "
            + shown(err));
      }
      return this;
    }
  }

  /** {@code command} with the environment reduced to the machine's own plus {@code env}. */
  static ProcessBuilder builder(List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("FIREFLY_") || k.startsWith("JAVA_TOOL_OPTIONS")
        || k.equals("JDK_JAVA_OPTIONS") || k.equals("_JAVA_OPTIONS") || k.equals("XDG_CACHE_HOME"));
    // The launcher runs the `java` on the PATH: make it the JDK that runs the bench.
    pb.environment().put("PATH", Path.of(java()).getParent() + File.pathSeparator + pb.environment().get("PATH"));
    pb.environment().putAll(env);
    return pb;
  }

  /** Runs {@code command} to completion (at most {@code timeoutSeconds}), draining stdout and stderr. */
  static Finished run(List<String> command, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    return finish(start(builder(command, env)), timeoutSeconds);
  }

  /** A started process and its start time; {@link #finish} drains and times it. */
  record Started(Process process, long startNanos, CompletableFuture<String> out, CompletableFuture<String> err) {}

  static Started start(ProcessBuilder pb) throws IOException {
    long t0 = System.nanoTime();
    Process p = pb.start();
    return new Started(p, t0, drain(p.getInputStream()), drain(p.getErrorStream()));
  }

  static Finished finish(Started s, long timeoutSeconds) throws InterruptedException {
    if (!s.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      s.process.destroyForcibly();
      throw new IllegalStateException(s.process.info().command().orElse("process") + " did not finish in "
          + timeoutSeconds + " s");
    }
    long elapsed = System.nanoTime() - s.startNanos;
    return new Finished(s.process.exitValue(), s.out.join(), s.err.join(), elapsed);
  }

  /** A program's stderr made fit for an exception message: credential-shaped text and line breaks out, capped. */
  static String shown(String stderr) {
    return PeerText.clean(stderr, List.of(), 400);
  }

  /** The {@code java} that runs the bench, so every program runs on the same JDK. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }, DRAINERS);
  }
}

package dev.fireflyauth.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The published jars (copied by the build), the sample apps' sources, and running JDK tools and JVMs on them. */
final class Published {
  private Published() {}

  static Path jar(String artifact) {
    Path p = Paths.get(System.getProperty("published.dir"), "firefly-auth-" + artifact + ".jar");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("missing published jar " + p);
    }
    return p;
  }

  static Path work(String name) throws IOException {
    Path dir = Paths.get(System.getProperty("work.dir"), name);
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** Compiles the app under {@code apps/<app>} as a module against {@code modulePath} into {@code out}. */
  static void compileModule(String app, List<Path> modulePath, Path out) throws IOException {
    Path src = Paths.get(System.getProperty("apps.dir"), app, "app");
    List<String> files;
    try (Stream<Path> s = Files.walk(src)) {
      files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList());
    }
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17",
        "--module-path", join(modulePath)));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, args.toArray(String[]::new));
    if (rc != 0) {
      throw new AssertionError("javac failed for app " + app);
    }
  }

  static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
  }

  /** The running JDK's tool {@code name}, e.g. {@code java} or {@code jlink}. */
  static String jdkTool(String name) {
    return Paths.get(System.getProperty("java.home"), "bin", name).toString();
  }

  /** A finished process. */
  record Run(int exit, String out) {
    @Override
    public String toString() {
      return "exit " + exit + "\n" + out;
    }
  }

  /** Runs {@code command} with exactly {@code env} (plus PATH), stdout and stderr merged. */
  static Run run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // Output to a file, not a pipe: reading a pipe to its end would wait for a hung process past the timeout.
    Path out = Files.createTempFile("published-run-", ".out");
    try {
      Process p = pb.redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command + "\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}

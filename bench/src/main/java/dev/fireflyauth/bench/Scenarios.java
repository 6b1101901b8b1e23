package dev.fireflyauth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the scenarios P2..P7 (P1 is the JMH benchmark) and writes their figures as JSON.
 *
 * <pre>
 * java -cp benchmarks.jar dev.fireflyauth.bench.Scenarios --out scenarios.json [--only p2,p3]
 *     [--cli-jar cli/target/firefly-auth.jar] [--p5-runs 15] [--p7-calls-per-thread 10000000]
 * </pre>
 */
public final class Scenarios {
  private Scenarios() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path out = Path.of(require(opts, "--out"));
    List<String> only = Arrays.asList(opts.getOrDefault("--only", "p2,p3,p4,p5,p6,p7").split(","));
    List<Scenario> all = new ArrayList<>();
    all.add(new Stampede());
    all.add(new RefreshHiding());
    all.add(new Outage());
    all.add(new ColdStart(
        Path.of(opts.getOrDefault("--cli-jar", "cli/target/firefly-auth.jar")),
        Integer.parseInt(opts.getOrDefault("--p5-runs", "15"))));
    all.add(new Tenants());
    all.add(new FaultyLoad(Long.parseLong(opts.getOrDefault("--p7-calls-per-thread", "10000000"))));
    Map<String, Object> results = new LinkedHashMap<>();
    for (Scenario s : all) {
      if (!only.contains(s.id())) {
        continue;
      }
      long t0 = System.nanoTime();
      System.err.println("[bench] " + s.id() + " ...");
      results.put(s.id(), s.run().asMap());
      System.err.printf("[bench] %s done in %.1f s%n", s.id(), (System.nanoTime() - t0) / 1e9);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
    // Peers' background pools (AWS NonBlocking, Reactor) are not all daemons.
    System.exit(0);
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      m.put(args[i], args[++i]);
    }
    return m;
  }

  static String require(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return v;
  }
}

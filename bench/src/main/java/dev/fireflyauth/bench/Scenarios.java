package dev.fireflyauth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the scenarios P2..P11 (P1 is the JMH benchmark), each {@code --repeat} times, and writes every run's
 * figures as JSON: {@code {"p2": {"runs": [ {...}, {...}, {...} ]}, …}}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.fireflyauth.bench.Scenarios --out scenarios.json [--only p2,p3,…] [--repeat 3]
 *     [--launcher bin/firefly-auth] [--cli-jar cli/target/firefly-auth.jar]
 *     [--minimal-jar bench/target/firefly-auth-bench-0.1.0-SNAPSHOT-minimal-token-post.jar]
 *     [--p5-runs 10] [--p7-calls-per-thread 10000000] [--p10-seconds 180]
 * </pre>
 * P10 runs once whatever {@code --repeat} says (it lasts three minutes); its spread is across its tenants.
 */
public final class Scenarios {
  static final String ALL = "p2,p3,p4,p6,p7,p5,p8p9,p11,p10";

  private Scenarios() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path out = Path.of(require(opts, "--out"));
    List<String> only = Arrays.asList(opts.getOrDefault("--only", ALL).split(","));
    int repeat = Integer.parseInt(opts.getOrDefault("--repeat", "3"));
    CliRig rig = new CliRig(
        Path.of(opts.getOrDefault("--launcher", "bin/firefly-auth")),
        Path.of(opts.getOrDefault("--cli-jar", "cli/target/firefly-auth.jar")),
        Path.of(opts.getOrDefault("--minimal-jar",
            "bench/target/firefly-auth-bench-0.1.0-SNAPSHOT-minimal-token-post.jar")));
    List<Scenario> all = new ArrayList<>();
    all.add(new Stampede());
    all.add(new RefreshHiding());
    Outage.PLACEMENTS.forEach(p -> all.add(new Outage(p)));
    all.add(new Tenants());
    all.add(new FaultyLoad(Long.parseLong(opts.getOrDefault("--p7-calls-per-thread", "10000000"))));
    all.add(new ColdStart(rig, Integer.parseInt(opts.getOrDefault("--p5-runs", "10"))));
    all.add(new StoreRuns(rig));
    all.add(new AgentLoad(rig));
    all.add(new RedisFleet(Duration.ofSeconds(Long.parseLong(
        opts.getOrDefault("--p10-seconds", String.valueOf(RedisFleet.RUN.toSeconds()))))));
    Map<String, Object> results = new LinkedHashMap<>();
    for (String wanted : only) {
      for (Scenario s : all) {
        if (!s.id().equals(wanted) && !s.id().startsWith(wanted + "-")) {
          continue;
        }
        int times = s.id().equals("p10") ? 1 : repeat;
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 1; i <= times; i++) {
          long t0 = System.nanoTime();
          System.err.println("[bench] " + s.id() + " run " + i + "/" + times + " ...");
          runs.add(s.run().asMap());
          System.err.printf("[bench] %s run %d done in %.1f s%n", s.id(), i, (System.nanoTime() - t0) / 1e9);
        }
        results.put(s.id(), Map.of("runs", runs));
      }
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

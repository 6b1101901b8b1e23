package dev.fireflyauth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Merges JMH's JSON (P1) and the scenarios' JSON (P2..P11, each repeated) into {@code results/<date>.json} and
 * renders {@code results/LATEST.md}: per scenario our figure, each peer's, the ratio, the target and whether we
 * meet it, with the spread across runs (JMH forks for P1).
 *
 * <p>Reading rules, applied everywhere: a figure is the median across runs, followed by the min–max range when
 * the runs differ; a ratio is ours ÷ the peer's on the metric named; a target is "met" when every run meets it,
 * "not met" when none does, and a <em>tie</em> ("inside the spread") when some runs do and some do not, or when a
 * "faster than" comparison has overlapping ranges.
 *
 * <pre>
 * java -cp benchmarks.jar dev.fireflyauth.bench.Report --jmh jmh.json --scenarios scenarios.json
 *     --out-dir bench/results --date 2026-12-02 --command "bench/run.sh" --load "…" --elapsed-s 1100
 * </pre>
 */
public final class Report {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a peer-table scenario's ratio is computed on, what we aim at, and how to tell from one run's row. */
  private record Spec(String primary, String target, Predicate<JsonNode> met) {}

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    SPECS.put("p2", new Spec("wait_p99_ms", "exactly 1 exchange per round",
        o -> o.path("exchanges_per_round_max").asInt() == 1));
    SPECS.put("p3", new Spec("max_delay_ms", "zero calls delayed > 1 ms", o -> o.path("delayed_over_1ms").asLong() == 0));
    SPECS.put("p4-ours", new Spec("attempts_during_outage", "≤ 20 attempts, 0 failed calls, 0 expired tokens served",
        o -> o.path("attempts_during_outage").asInt() <= 20 && o.path("failed_calls_during_outage").asInt() == 0
            && o.path("expired_tokens_served_during_outage").asInt() == 0));
    SPECS.put("p4-short", new Spec("failed_calls_during_outage", "0 failed calls, 0 expired tokens served",
        Report::noFailures));
    SPECS.put("p4-expiry", new Spec("failed_calls_during_outage", "0 failed calls, 0 expired tokens served",
        Report::noFailures));
    SPECS.put("p4-long", new Spec("attempts_during_outage", null, null));
    SPECS.put("p6", new Spec("bytes_per_tenant", "≤ 2 KB per tenant, 0 threads per tenant",
        o -> o.path("bytes_per_tenant").asLong() <= 2048 && o.path("threads_per_tenant").asDouble() == 0));
    SPECS.put("p7", new Spec("exchanges", "0 errors while a valid token existed",
        o -> o.path("errors_while_token_valid").asLong() == 0));
  }

  private Report() {}

  private static boolean noFailures(JsonNode o) {
    return o.path("failed_calls_during_outage").asInt() == 0 && o.path("expired_tokens_served_during_outage").asInt() == 0;
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = Scenarios.options(args);
    Path outDir = Path.of(Scenarios.require(opts, "--out-dir"));
    String date = Scenarios.require(opts, "--date");
    ObjectNode root = JSON.createObjectNode();
    root.put("date", date);
    root.put("command", Scenarios.require(opts, "--command"));
    root.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    root.put("cpus", Runtime.getRuntime().availableProcessors());
    root.put("load_average", opts.getOrDefault("--load", "unknown"));
    root.put("elapsed_s", opts.getOrDefault("--elapsed-s", "unknown"));
    root.put("build", opts.getOrDefault("--build-note", "unknown"));
    ObjectNode p1 = JSON.createObjectNode();
    ObjectNode p1Store = JSON.createObjectNode();
    hotPath(JSON.readTree(Path.of(Scenarios.require(opts, "--jmh")).toFile()), p1, p1Store);
    root.set("p1", p1);
    root.set("p1-store", p1Store);
    JsonNode scenarios = JSON.readTree(Path.of(Scenarios.require(opts, "--scenarios")).toFile());
    scenarios.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
    Files.createDirectories(outDir);
    JSON.writeValue(outDir.resolve(date + ".json").toFile(), root);
    Files.writeString(outDir.resolve("LATEST.md"), markdown(root));
  }

  /** JMH's result list reduced to row → {threads → score, error, per-fork means}. */
  private static void hotPath(JsonNode jmh, ObjectNode peers, ObjectNode stores) {
    for (JsonNode run : jmh) {
      boolean store = run.path("benchmark").asText().contains("StoreHotPathBenchmark");
      String row = store ? run.path("params").path("store").asText() : run.path("params").path("peer").asText();
      ObjectNode target = store ? stores : peers;
      ObjectNode o = target.has(row) ? (ObjectNode) target.get(row) : target.putObject(row);
      String key = run.path("threads").asInt() + "t";
      JsonNode m = run.path("primaryMetric");
      o.put(key + "_ns", round(m.path("score").asDouble(), 2));
      o.put(key + "_error_ns", round(m.path("scoreError").asDouble(), 2));
      ArrayNode forks = o.putArray(key + "_fork_means_ns");
      for (JsonNode fork : m.path("rawData")) {
        double sum = 0;
        for (JsonNode v : fork) {
          sum += v.asDouble();
        }
        forks.add(round(sum / fork.size(), 2));
      }
      o.put("forks", run.path("forks").asInt());
      o.put("iterations", run.path("measurementIterations").asInt());
    }
  }

  static String markdown(JsonNode root) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results, ").append(root.path("date").asText()).append("\n\n");
    md.append("- Command: `").append(root.path("command").asText()).append("`\n");
    md.append("- JDK: ").append(root.path("jdk").asText()).append("; ").append(root.path("os").asText())
        .append(", ").append(root.path("cpus").asInt()).append(" CPUs, shared with other builds; load average (1, 5,"
            + " 15 min) ").append(root.path("load_average").asText()).append("\n");
    md.append("- Whole run: ").append(root.path("elapsed_s").asText()).append(" s (").append(root.path("build").asText())
        .append(").\n");
    md.append("- Reading: a figure is the median across runs, with the min–max range across runs in brackets when"
        + " they differ (P1: across JMH forks). A ratio is ours ÷ the peer's on the metric named (below 1: ours is"
        + " lower). A target is **met** when every run meets it, **not met** when none does, and a **tie** (inside"
        + " the run-to-run spread) otherwise.\n\n");
    hotPathSection(md, root.path("p1"));
    storeHotPathSection(md, root.path("p1-store"), root.path("p1"));
    for (String id : List.of("p2", "p3", "p4-ours", "p4-short", "p4-expiry", "p4-long")) {
      section(md, id, root.path(id));
    }
    coldStartSection(md, root.path("p5"));
    for (String id : List.of("p6", "p7")) {
      section(md, id, root.path(id));
    }
    storeRunsSection(md, root.path("p8p9"));
    fleetSection(md, root.path("p10"));
    agentSection(md, root.path("p11"));
    md.append("## How each peer was configured\n\n| peer | configuration |\n|---|---|\n");
    for (Peer p : Peer.values()) {
      md.append("| ").append(p.label).append(" | ").append(p.configuration).append(" |\n");
    }
    return md.toString();
  }

  // ---- P1 -------------------------------------------------------------------------------------------------

  private static void hotPathSection(StringBuilder md, JsonNode p1) {
    md.append("## P1 hot path: `token()` on a cached valid token (ns/op, JMH average time)\n\n");
    JsonNode ours = p1.path(Peer.FIREFLY.id);
    if (ours.isMissingNode()) {
      md.append("_not run_\n\n");
      return;
    }
    md.append("Forks × measurement iterations: ").append(ours.path("forks").asInt()).append(" × ")
        .append(ours.path("iterations").asInt()).append("; ± = 99.9 % confidence half-width; [ ] = the range of the"
            + " fork means.\n\n");
    md.append("| peer | 1 thread | ratio | 2 threads | ratio |\n|---|---:|---:|---:|---:|\n");
    Peer fastest1 = null;
    Peer fastest2 = null;
    for (Peer p : Peer.values()) {
      JsonNode row = p1.path(p.id);
      if (row.isMissingNode()) {
        continue;
      }
      if (!p.isBaseline() && p != Peer.FIREFLY) {
        if (fastest1 == null || row.path("1t_ns").asDouble() < p1.path(fastest1.id).path("1t_ns").asDouble()) {
          fastest1 = p;
        }
        if (fastest2 == null || row.path("2t_ns").asDouble() < p1.path(fastest2.id).path("2t_ns").asDouble()) {
          fastest2 = p;
        }
      }
      md.append("| ").append(p.label).append(" | ").append(pm(row, "1t")).append(" | ")
          .append(ratio(ours.path("1t_ns").asDouble(), row.path("1t_ns").asDouble())).append(" | ")
          .append(pm(row, "2t")).append(" | ")
          .append(ratio(ours.path("2t_ns").asDouble(), row.path("2t_ns").asDouble())).append(" |\n");
    }
    md.append("\nTarget ≤ 1.0× the fastest peer: 1 thread (").append(fastest1 == null ? "–" : fastest1.label)
        .append(") ").append(fasterVerdict(ours, p1.path(fastest1 == null ? "" : fastest1.id), "1t"))
        .append("; 2 threads (").append(fastest2 == null ? "–" : fastest2.label).append(") ")
        .append(fasterVerdict(ours, p1.path(fastest2 == null ? "" : fastest2.id), "2t"))
        .append(". Target ≤ 3× the bare volatile read: ");
    double vol1 = p1.path(Peer.VOLATILE.id).path("1t_ns").asDouble();
    double vol2 = p1.path(Peer.VOLATILE.id).path("2t_ns").asDouble();
    boolean limit = ours.path("1t_ns").asDouble() <= 3 * vol1 && ours.path("2t_ns").asDouble() <= 3 * vol2;
    md.append(limit ? "**met**" : "**not met**").append(".\n\n");
  }

  /** "≤" verdict on fork ranges: met when all our forks are at or below all of theirs, tie when they overlap. */
  private static String fasterVerdict(JsonNode ours, JsonNode peer, String key) {
    if (peer.isMissingNode()) {
      return "–";
    }
    double[] o = range(ours.path(key + "_fork_means_ns"));
    double[] p = range(peer.path(key + "_fork_means_ns"));
    if (o[1] <= p[0]) {
      return "**met**";
    }
    if (o[0] > p[1]) {
      return "**not met**";
    }
    return "**tie** (fork ranges overlap)";
  }

  private static void storeHotPathSection(StringBuilder md, JsonNode stores, JsonNode p1) {
    if (stores.isMissingNode() || stores.isEmpty()) {
      return;
    }
    md.append("## P1 with a token store configured (ns/op, JMH average time)\n\n")
        .append("`FireflyAuth.tokenProvider().token()` over the IMS provider and the test kit's emulator, with no"
            + " store, the file store and the Redis store (a real redis-server per fork). The store is consulted"
            + " only when the cache would exchange, so the goal is the same figure as without a store.\n\n");
    md.append("| store | 1 thread | ratio to none | 2 threads | ratio to none |\n|---|---:|---:|---:|---:|\n");
    JsonNode none = stores.path("none");
    for (String s : List.of("none", "file", "redis")) {
      JsonNode row = stores.path(s);
      if (row.isMissingNode()) {
        continue;
      }
      md.append("| ").append(s).append(" | ").append(pm(row, "1t")).append(" | ")
          .append(ratio(row.path("1t_ns").asDouble(), none.path("1t_ns").asDouble())).append(" | ")
          .append(pm(row, "2t")).append(" | ")
          .append(ratio(row.path("2t_ns").asDouble(), none.path("2t_ns").asDouble())).append(" |\n");
    }
    JsonNode cache = p1.path(Peer.FIREFLY.id);
    if (!cache.isMissingNode()) {
      md.append("| (bare `TokenCache`, from P1) | ").append(pm(cache, "1t")).append(" | | ").append(pm(cache, "2t"))
          .append(" | |\n");
    }
    md.append("\nTarget: no slower than without a store (met: the fork ranges overlap or the store's is lower; tie: only"
        + " the confidence intervals overlap) — ");
    List<String> verdicts = new ArrayList<>();
    for (String s : List.of("file", "redis")) {
      JsonNode row = stores.path(s);
      if (row.isMissingNode()) {
        continue;
      }
      List<String> per = new ArrayList<>();
      for (String t : List.of("1t", "2t")) {
        per.add(t.charAt(0) + " thread" + (t.equals("1t") ? "" : "s") + " " + notSlower(row, none, t));
      }
      verdicts.add(s + ": " + String.join(", ", per));
    }
    md.append(String.join("; ", verdicts)).append(".\n\n");
  }

  private static String notSlower(JsonNode store, JsonNode none, String key) {
    double[] x = range(store.path(key + "_fork_means_ns"));
    double[] y = range(none.path(key + "_fork_means_ns"));
    if (x[0] <= y[1]) {
      return "**met**";
    }
    double a = store.path(key + "_ns").asDouble();
    double ea = store.path(key + "_error_ns").asDouble();
    double b = none.path(key + "_ns").asDouble();
    double eb = none.path(key + "_error_ns").asDouble();
    return a - ea <= b + eb ? "**tie**" : "**not met**";
  }

  /** Writes a scenario's heading and set-up line; returns its first run, or null when it has none. */
  private static JsonNode heading(StringBuilder md, JsonNode runs, String runsNote) {
    if (runs.isMissingNode() || runs.isEmpty()) {
      return null;
    }
    JsonNode first = runs.get(0);
    md.append("## ").append(first.path("title").asText()).append("\n\n").append(first.path("setup").asText())
        .append(". Runs: ").append(runsNote).append(".\n\n");
    return first;
  }

  /** Whether a single-table scenario was not run at all; then writes the reason. */
  private static boolean notRun(StringBuilder md, JsonNode first) {
    if (!first.has("not_run")) {
      return false;
    }
    md.append("_Not run_: ").append(first.path("not_run").asText()).append("\n\n");
    return true;
  }

  // ---- peer tables (P2, P3, P4, P6, P7) ------------------------------------------------------------------

  private static void section(StringBuilder md, String id, JsonNode s) {
    JsonNode runs = s.path("runs");
    JsonNode first = heading(md, runs, String.valueOf(runs.size()));
    if (first == null) {
      return;
    }
    Spec spec = SPECS.get(id);
    List<String> metrics = new ArrayList<>();
    first.path("peers").path(Peer.FIREFLY.id).fieldNames().forEachRemaining(metrics::add);
    md.append("| peer |");
    metrics.forEach(m -> md.append(' ').append(m.replace('_', ' ')).append(" |"));
    md.append(" ratio (").append(spec.primary.replace('_', ' ')).append(") |\n|---|");
    metrics.forEach(m -> md.append("---:|"));
    md.append("---:|\n");
    double oursPrimary = median(values(runs, Peer.FIREFLY.id, spec.primary));
    for (Iterator<String> it = first.path("peers").fieldNames(); it.hasNext(); ) {
      String peer = it.next();
      md.append("| ").append(Peer.byId(peer).label).append(" |");
      for (String m : metrics) {
        md.append(' ').append(cell(values(runs, peer, m))).append(" |");
      }
      md.append(' ').append(ratio(oursPrimary, median(values(runs, peer, spec.primary)))).append(" |\n");
    }
    if (spec.target == null) {
      md.append("\nNo target: no cache can bridge this outage; the row shows the load each puts on IMS during it and"
          + " how each fails once the token is gone.");
    } else {
      int met = 0;
      for (JsonNode run : runs) {
        if (spec.met.test(run.path("peers").path(Peer.FIREFLY.id))) {
          met++;
        }
      }
      md.append("\nTarget: ").append(spec.target).append(" — ").append(verdict(met, runs.size())).append(".");
    }
    for (String key : List.of("noise_floor", "not_run")) {
      if (first.has(key)) {
        md.append(' ').append(Character.toUpperCase(key.charAt(0))).append(key.substring(1).replace('_', ' '))
            .append(": ").append(first.path(key).asText()).append('.');
      }
    }
    md.append("\n\n");
  }

  private static String verdict(int met, int runs) {
    if (met == runs) {
      return "**met**" + (runs > 1 ? " (" + met + " of " + runs + " runs)" : "");
    }
    if (met == 0) {
      return "**not met**" + (runs > 1 ? " (0 of " + runs + " runs)" : "");
    }
    return "**tie**: met in " + met + " of " + runs + " runs";
  }

  // ---- P5 --------------------------------------------------------------------------------------------------

  private static final Map<String, String> PROGRAMS = new LinkedHashMap<>();

  static {
    PROGRAMS.put("cli", "`bin/firefly-auth token --no-store` (launcher: archive + short-lived JVM flags)");
    PROGRAMS.put("minimal", "minimal `HttpClient` POST, `java -jar` its own 6 KB jar (the peer)");
    PROGRAMS.put("cli_plain_java", "`java -jar firefly-auth.jar token --no-store` (no launcher, no archive)");
    PROGRAMS.put("minimal_tuned", "minimal POST given all the CLI gets (same flags, its own archive, selector released)");
  }

  private static void coldStartSection(StringBuilder md, JsonNode s) {
    JsonNode runs = s.path("runs");
    JsonNode first = heading(md, runs, String.valueOf(runs.size()));
    if (first == null || notRun(md, first)) {
      return;
    }
    md.append("| program | median ms | per-run medians (ms) |\n|---|---:|---|\n");
    for (Map.Entry<String, String> p : PROGRAMS.entrySet()) {
      List<Double> medians = notes(runs, p.getKey() + "_median_ms");
      md.append("| ").append(p.getValue()).append(" | ").append(fmt(median(medians))).append(" | ")
          .append(join(medians)).append(" |\n");
    }
    List<Double> ratios = notes(runs, "ratio");
    md.append("\nRatio of medians, CLI ÷ minimal POST: **").append(cell(ratios)).append("×**; target ≤ 1.0× — ")
        .append(ratioVerdict(ratios, 1.0)).append(". CLI ÷ the minimal POST given everything the CLI gets: ")
        .append(cell(notes(runs, "ratio_vs_tuned_minimal"))).append("×; the CLI jar without its launcher ÷ minimal"
            + " POST: ").append(cell(notes(runs, "ratio_plain_java"))).append("×.");
    JsonNode launcher = first.path("launcher_first_run");
    if (!launcher.isMissingNode() && !launcher.path("first_run_ms").isNumber()) {
      md.append(" The launcher's archive already existed (made by an earlier run of this jar), so this run did not"
          + " measure the first token run after a build.");
    } else if (!launcher.isMissingNode()) {
      md.append(" The first token run after a build (it records the class list; an exchange into an empty store):"
          + " ").append(launcher.path("first_run_ms").asText()).append(" ms; the archive was ready ")
          .append(launcher.path("archive_built_after_s").asText("–")).append(" s later (built in the background).");
    }
    md.append("\n\n");
  }

  /** ≤ target verdict over per-run ratios: met when all are, tie when the range straddles it. */
  private static String ratioVerdict(List<Double> ratios, double target) {
    long met = ratios.stream().filter(r -> r <= target).count();
    return verdict((int) met, ratios.size());
  }

  // ---- P8, P9 ----------------------------------------------------------------------------------------------

  private static void storeRunsSection(StringBuilder md, JsonNode s) {
    JsonNode runs = s.path("runs");
    JsonNode first = heading(md, runs, String.valueOf(runs.size()));
    if (first == null || notRun(md, first)) {
      return;
    }
    List<Double> together = notes(runs, "concurrent_exchanges");
    List<Double> sequential = notes(runs, "sequential_exchanges");
    md.append("**P8** IMS exchanges: ").append(first.path("concurrent_runs").asInt()).append(" processes started"
        + " together: ").append(join(together)).append("; ").append(first.path("sequential_runs").asInt())
        .append(" sequential runs: ").append(join(sequential)).append(" (per run). Target 1 each — ")
        .append(verdict((int) countAll(runs, r -> r.path("concurrent_exchanges").asInt() == 1
            && r.path("sequential_exchanges").asInt() == 1), runs.size())).append(".\n\n");
    md.append("| **P9** program | median ms | per-run medians (ms) |\n|---|---:|---|\n");
    md.append("| `bin/firefly-auth token`, served from the store | ").append(fmt(median(notes(runs, "stored_median_ms"))))
        .append(" | ").append(join(notes(runs, "stored_median_ms"))).append(" |\n");
    md.append("| minimal `HttpClient` POST (own jar) | ").append(fmt(median(notes(runs, "minimal_median_ms"))))
        .append(" | ").append(join(notes(runs, "minimal_median_ms"))).append(" |\n");
    if (first.has("curl_median_ms")) {
      md.append("| `curl` POST of the same form (the floor) | ").append(fmt(median(notes(runs, "curl_median_ms"))))
          .append(" | ").append(join(notes(runs, "curl_median_ms"))).append(" |\n");
    }
    md.append("| (the first sequential run: an exchange into the empty store) | ")
        .append(fmt(median(notes(runs, "first_run_ms")))).append(" | ").append(join(notes(runs, "first_run_ms")))
        .append(" |\n");
    List<Double> ratios = notes(runs, "ratio");
    md.append("\nStored-token run ÷ minimal POST: **").append(cell(ratios)).append("×**; target ≤ 0.35× — ")
        .append(ratioVerdict(ratios, 0.35)).append(".");
    if (first.has("curl_median_ms")) {
      md.append(" ÷ curl: ").append(cell(notes(runs, "ratio_curl"))).append("× (no target: curl starts no JVM).");
    } else {
      md.append(" curl: ").append(first.path("curl").asText()).append('.');
    }
    md.append("\n\n");
  }

  // ---- P10 -------------------------------------------------------------------------------------------------

  private static void fleetSection(StringBuilder md, JsonNode s) {
    JsonNode r = heading(md, s.path("runs"), "1 (three minutes; the spread is across the tenants)");
    if (r == null || notRun(md, r)) {
      return;
    }
    md.append("| who | exchanges per credential, median [min–max] | per credential per token lifetime |\n")
        .append("|---|---:|---:|\n");
    md.append("| fleet of ").append(RedisFleet.PROCESSES).append(" processes sharing Redis (ours) | ")
        .append(fmt(r.path("fleet_exchanges_per_credential_median").asDouble())).append(" [")
        .append(fmt(r.path("fleet_exchanges_per_credential_min").asDouble())).append("–")
        .append(fmt(r.path("fleet_exchanges_per_credential_max").asDouble())).append("] | ")
        .append(r.path("fleet_per_credential_per_lifetime").asText()).append(" |\n");
    md.append("| one process alone, no store (control, same run) | ")
        .append(fmt(r.path("alone_exchanges_per_credential_median").asDouble())).append(" [")
        .append(fmt(r.path("alone_exchanges_per_credential_min").asDouble())).append("–")
        .append(fmt(r.path("alone_exchanges_per_credential_max").asDouble())).append("] | ")
        .append(r.path("alone_per_credential_per_lifetime").asText()).append(" |\n");
    md.append("| peers: one per process (").append(RedisFleet.PROCESSES).append(" × the control) | | ")
        .append(r.path("peers_per_credential_per_lifetime").asText()).append(" |\n");
    md.append("\nFleet ÷ one process: **").append(r.path("ratio").asText()).append("×** (goal 1: the fleet costs IMS"
        + " what one process does) — ").append(r.path("ratio").asDouble() <= 1.0 ? "**met**" : "**not met**")
        .append("; fleet ÷ peers: ").append(r.path("ratio_vs_peers").asText()).append("×. A ")
        .append(RedisFleet.LIFETIME.toSeconds()).append(" s token is refreshed about half-way through its life, so"
            + " even one process makes about two exchanges per lifetime. Fleet calls: ")
        .append(r.path("fleet_calls").asText()).append(", failed: ").append(r.path("fleet_failed_calls").asText())
        .append(", store warnings: ").append(r.path("fleet_store_warnings").asText())
        .append(". Per-credential exchanges: ").append(r.path("fleet_exchanges_histogram").asText()).append(".\n\n");
  }

  // ---- P11 -------------------------------------------------------------------------------------------------

  private static void agentSection(StringBuilder md, JsonNode s) {
    JsonNode runs = s.path("runs");
    JsonNode first = heading(md, runs, String.valueOf(runs.size()));
    if (first == null || notRun(md, first)) {
      return;
    }
    md.append("| token() through | IMS exchanges | cold p50 ms | cold p99 ms | steady calls | steady p50 ns |"
        + " steady p99 ns | steady p99.9 ns | steady max ms | failed calls |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String who : List.of("agent", "in_process")) {
      md.append("| ").append(who.equals("agent") ? "the agent (`firefly-auth serve`)" : "in-process IMS provider (the peer)")
          .append(" | ").append(cell(notes(runs, who + "_exchanges")));
      for (String m : List.of("_cold_p50_ms", "_cold_p99_ms", "_steady_calls", "_steady_p50_ns", "_steady_p99_ns",
          "_steady_p99_9_ns", "_steady_max_ms", "_failed_calls")) {
        md.append(" | ").append(cell(notes(runs, who + m)));
      }
      md.append(" |\n");
    }
    md.append("\nExchanges, agent ÷ in-process: ").append(cell(notes(runs, "ratio_exchanges")))
        .append("×; goal 1 exchange — ").append(verdict((int) countAll(runs, r -> r.path("agent_exchanges").asInt() == 1),
            runs.size())).append(". p99 ratio, agent ÷ in-process: cold ").append(cell(notes(runs, "ratio_cold_p99")))
        .append("×, steady ").append(cell(notes(runs, "ratio_steady_p99"))).append("×. The agent exited ")
        .append(join(notes(runs, "agent_exit_on_sigterm"))).append(" on SIGTERM.\n\n");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private static long countAll(JsonNode runs, Predicate<JsonNode> p) {
    long n = 0;
    for (JsonNode r : runs) {
      if (p.test(r)) {
        n++;
      }
    }
    return n;
  }

  private static List<Double> values(JsonNode runs, String peer, String metric) {
    List<Double> out = new ArrayList<>();
    for (JsonNode r : runs) {
      JsonNode v = r.path("peers").path(peer).path(metric);
      if (!v.isMissingNode()) {
        out.add(v.asDouble());
      }
    }
    return out;
  }

  private static List<Double> notes(JsonNode runs, String key) {
    List<Double> out = new ArrayList<>();
    for (JsonNode r : runs) {
      JsonNode v = r.path(key);
      if (v.isNumber()) {
        out.add(v.asDouble());
      }
    }
    return out;
  }

  /** The median, with [min–max] when the runs differ. */
  private static String cell(List<Double> v) {
    if (v.isEmpty()) {
      return "–";
    }
    double min = v.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
    double max = v.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    String m = fmt(median(v));
    return min == max ? m : m + " [" + fmt(min) + "–" + fmt(max) + "]";
  }

  private static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(v);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static double[] range(JsonNode forks) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (JsonNode f : forks) {
      min = Math.min(min, f.asDouble());
      max = Math.max(max, f.asDouble());
    }
    return new double[] {min, max};
  }

  private static String join(List<Double> v) {
    List<String> out = new ArrayList<>();
    v.forEach(d -> out.add(fmt(d)));
    return String.join(", ", out);
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return Math.abs(v) >= 100 ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String pm(JsonNode row, String key) {
    if (!row.has(key + "_ns")) {
      return "–";
    }
    double[] r = range(row.path(key + "_fork_means_ns"));
    return row.path(key + "_ns").asText() + " ± " + row.path(key + "_error_ns").asText() + " [" + fmt(r[0]) + "–"
        + fmt(r[1]) + "]";
  }

  private static String ratio(double ours, double peer) {
    if (Double.isNaN(ours) || Double.isNaN(peer)) {
      return "–";
    }
    if (peer == 0) {
      return ours == 0 ? "1.00" : "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", ours / peer);
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}

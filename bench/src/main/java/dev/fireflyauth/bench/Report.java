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
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Merges JMH's JSON (P1) and the scenarios' JSON (P2..P7) into {@code results/<date>.json} and renders
 * {@code results/LATEST.md}: per scenario our figure, each peer's, the ratio, the target and whether we meet it.
 *
 * <pre>
 * java -cp benchmarks.jar dev.fireflyauth.bench.Report --jmh jmh.json --scenarios scenarios.json
 *     --out-dir bench/results --date 2026-11-30 --command "bench/run.sh" --load "1.02 0.98 0.91"
 * </pre>
 */
public final class Report {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a scenario's ratio is computed on, what we aim at, and how to tell from our row. */
  private static final class Spec {
    final String primary;
    final String target;
    final Predicate<JsonNode> met;

    Spec(String primary, String target, Predicate<JsonNode> met) {
      this.primary = primary;
      this.target = target;
      this.met = met;
    }
  }

  private static final Map<String, Spec> SPECS = Map.of(
      "p2", new Spec("wait_p99_ms", "exactly 1 exchange", o -> o.path("exchanges_per_round_max").asInt() == 1),
      "p3", new Spec("max_delay_ms", "zero calls delayed > 1 ms", o -> o.path("delayed_over_1ms").asLong() == 0),
      "p4", new Spec("attempts_during_outage", "≤ 20 attempts, 0 failed calls",
          o -> o.path("attempts_during_outage").asInt() <= 20 && o.path("failed_calls_during_outage").asInt() == 0),
      "p6", new Spec("bytes_per_tenant", "≤ 2 KB per tenant, 0 threads per tenant",
          o -> o.path("bytes_per_tenant").asLong() <= 2048 && o.path("threads_per_tenant").asDouble() == 0),
      "p7", new Spec("exchanges", "0 errors while a valid token existed",
          o -> o.path("errors_while_token_valid").asLong() == 0));

  private Report() {}

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
    root.set("p1", hotPath(JSON.readTree(Path.of(Scenarios.require(opts, "--jmh")).toFile())));
    JsonNode scenarios = JSON.readTree(Path.of(Scenarios.require(opts, "--scenarios")).toFile());
    scenarios.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
    Files.createDirectories(outDir);
    JSON.writeValue(outDir.resolve(date + ".json").toFile(), root);
    Files.writeString(outDir.resolve("LATEST.md"), markdown(root));
  }

  /** JMH's result list reduced to peer → {threads → score, error}. */
  private static ObjectNode hotPath(JsonNode jmh) {
    ObjectNode out = JSON.createObjectNode();
    for (JsonNode run : jmh) {
      String peer = run.path("params").path("peer").asText();
      ObjectNode row = out.has(peer) ? (ObjectNode) out.get(peer) : out.putObject(peer);
      String key = run.path("threads").asInt() + "t";
      JsonNode m = run.path("primaryMetric");
      row.put(key + "_ns", round(m.path("score").asDouble(), 2));
      row.put(key + "_error_ns", round(m.path("scoreError").asDouble(), 2));
      row.put("forks", run.path("forks").asInt());
      row.put("iterations", run.path("measurementIterations").asInt());
    }
    return out;
  }

  static String markdown(JsonNode root) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results, ").append(root.path("date").asText()).append("\n\n");
    md.append("- Command: `").append(root.path("command").asText()).append("`\n");
    md.append("- JDK: ").append(root.path("jdk").asText()).append("; ").append(root.path("os").asText())
        .append(", ").append(root.path("cpus").asInt()).append(" CPUs; load average (1, 5, 15 min) ")
        .append(root.path("load_average").asText()).append("\n");
    md.append("- Ratio = ours ÷ peer on the metric named in each section (below 1 means we are lower).\n\n");
    hotPathSection(md, root.path("p1"));
    for (String id : List.of("p2", "p3", "p4")) {
      section(md, id, root.path(id));
    }
    coldStartSection(md, root.path("p5"));
    for (String id : List.of("p6", "p7")) {
      section(md, id, root.path(id));
    }
    md.append("## How each peer was configured\n\n| peer | configuration |\n|---|---|\n");
    for (Peer p : Peer.values()) {
      md.append("| ").append(p.label).append(" | ").append(p.configuration).append(" |\n");
    }
    return md.toString();
  }

  private static void hotPathSection(StringBuilder md, JsonNode p1) {
    md.append("## P1 hot path: `token()` on a cached valid token (ns/op, JMH average time)\n\n");
    JsonNode ours = p1.path(Peer.FIREFLY.id);
    if (ours.isMissingNode()) {
      md.append("_not run_\n\n");
      return;
    }
    JsonNode any = ours;
    md.append("Forks × measurement iterations: ").append(any.path("forks").asInt()).append(" × ")
        .append(any.path("iterations").asInt()).append("; error = 99.9 % confidence half-width.\n\n");
    md.append("| peer | 1 thread | ratio | 2 threads | ratio |\n|---|---:|---:|---:|---:|\n");
    double fastestPeer1 = Double.MAX_VALUE;
    double fastestPeer2 = Double.MAX_VALUE;
    for (Peer p : Peer.values()) {
      JsonNode row = p1.path(p.id);
      if (row.isMissingNode()) {
        continue;
      }
      if (!p.isBaseline() && p != Peer.FIREFLY) {
        fastestPeer1 = Math.min(fastestPeer1, row.path("1t_ns").asDouble());
        fastestPeer2 = Math.min(fastestPeer2, row.path("2t_ns").asDouble());
      }
      md.append("| ").append(p.label).append(" | ").append(pm(row, "1t")).append(" | ")
          .append(ratio(ours.path("1t_ns").asDouble(), row.path("1t_ns").asDouble())).append(" | ")
          .append(pm(row, "2t")).append(" | ")
          .append(ratio(ours.path("2t_ns").asDouble(), row.path("2t_ns").asDouble())).append(" |\n");
    }
    double vol1 = p1.path(Peer.VOLATILE.id).path("1t_ns").asDouble();
    double vol2 = p1.path(Peer.VOLATILE.id).path("2t_ns").asDouble();
    boolean peers = ours.path("1t_ns").asDouble() <= fastestPeer1 && ours.path("2t_ns").asDouble() <= fastestPeer2;
    boolean limit = ours.path("1t_ns").asDouble() <= 3 * vol1 && ours.path("2t_ns").asDouble() <= 3 * vol2;
    md.append("\nTarget: ≤ 1.0× the fastest peer — ").append(peers ? "**met**" : "**not met**")
        .append("; ≤ 3× the volatile read — ").append(limit ? "**met**" : "**not met**").append(".\n\n");
  }

  private static void section(StringBuilder md, String id, JsonNode s) {
    if (s.isMissingNode()) {
      return;
    }
    Spec spec = SPECS.get(id);
    md.append("## ").append(s.path("title").asText()).append("\n\n").append(s.path("setup").asText()).append(".\n\n");
    JsonNode peers = s.path("peers");
    List<String> metrics = new ArrayList<>();
    peers.path(Peer.FIREFLY.id).fieldNames().forEachRemaining(metrics::add);
    md.append("| peer |");
    metrics.forEach(m -> md.append(' ').append(m.replace('_', ' ')).append(" |"));
    md.append(" ratio (").append(spec.primary.replace('_', ' ')).append(") |\n|---|");
    metrics.forEach(m -> md.append("---:|"));
    md.append("---:|\n");
    JsonNode ours = peers.path(Peer.FIREFLY.id);
    for (Iterator<Map.Entry<String, JsonNode>> it = peers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      md.append("| ").append(Peer.byId(e.getKey()).label).append(" |");
      metrics.forEach(m -> md.append(' ').append(e.getValue().path(m).asText()).append(" |"));
      md.append(' ').append(ratio(ours.path(spec.primary).asDouble(), e.getValue().path(spec.primary).asDouble()))
          .append(" |\n");
    }
    md.append("\nTarget: ").append(spec.target).append(" — ").append(spec.met.test(ours) ? "**met**" : "**not met**")
        .append(".");
    notes(md, s);
    md.append("\n\n");
  }

  private static void coldStartSection(StringBuilder md, JsonNode s) {
    if (s.isMissingNode()) {
      return;
    }
    md.append("## ").append(s.path("title").asText()).append("\n\n").append(s.path("setup").asText()).append(".\n\n");
    if (s.has("not_run")) {
      md.append("_Not run_: ").append(s.path("not_run").asText()).append("\n\n");
      return;
    }
    md.append("| program | median ms | runs (ms) |\n|---|---:|---|\n");
    md.append("| `firefly-auth token` | ").append(s.path("cli_median_ms").asText()).append(" | ")
        .append(list(s.path("cli_runs_ms"))).append(" |\n");
    md.append("| minimal `HttpClient` POST | ").append(s.path("minimal_median_ms").asText()).append(" | ")
        .append(list(s.path("minimal_runs_ms"))).append(" |\n");
    double ratio = s.path("ratio").asDouble();
    md.append("\nRatio of medians: **").append(ratio).append("×**. Target: ≤ 1.3× — ")
        .append(ratio <= 1.3 ? "**met**" : "**not met**").append(".\n\n");
  }

  private static void notes(StringBuilder md, JsonNode s) {
    for (String key : List.of("noise_floor", "not_run")) {
      if (s.has(key)) {
        md.append(' ').append(Character.toUpperCase(key.charAt(0))).append(key.substring(1).replace('_', ' '))
            .append(": ").append(s.path(key).asText()).append('.');
      }
    }
  }

  private static String pm(JsonNode row, String key) {
    if (!row.has(key + "_ns")) {
      return "–";
    }
    return row.path(key + "_ns").asText() + " ± " + row.path(key + "_error_ns").asText();
  }

  private static String ratio(double ours, double peer) {
    if (peer == 0) {
      return ours == 0 ? "1.00" : "n/a";
    }
    return String.format("%.2f", ours / peer);
  }

  private static String list(JsonNode values) {
    List<String> out = new ArrayList<>();
    ((ArrayNode) values).forEach(v -> out.add(String.valueOf(Math.round(v.asDouble()))));
    return String.join(", ", out);
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}

package dev.fireflyauth.cli.serve;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.cache.TokenCacheListener;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's counters, fed by the HTTP router (requests) and by the token cache as its listener (exchanges and
 * failures), rendered in the Prometheus text format for {@code GET /metrics}.
 *
 * <p>Why it exists: an agent is infrastructure; its operators alert on failed exchanges and on a token about to
 * expire, and watch request rates, without adding a metrics library to the CLI. Every label value comes from a
 * fixed set (our paths, our status codes, the four failure kinds), so no caller can inflate the series and no
 * token, secret or peer text can appear in a line. Thread-safe.
 */
final class AgentMetrics implements TokenCacheListener {
  /** The label of a request to a path the agent does not serve. */
  static final String OTHER_PATH = "other";

  private final TimeSource time;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder exchanges = new LongAdder();
  private final LongAdder fromStore = new LongAdder();
  private final Map<String, LongAdder> failures = new LinkedHashMap<>();
  private volatile Instant expiresAt;

  AgentMetrics(TimeSource time) {
    this.time = time;
    for (FireflyAuthException.Kind k : FireflyAuthException.Kind.values()) {
      failures.put(kind(k), new LongAdder());
    }
    failures.put("other", new LongAdder());
  }

  /** How the failure kinds are labelled: {@code transient}, {@code rejected}, {@code broken}, {@code not_found}. */
  static String kind(FireflyAuthException.Kind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  /** Counts one answered request; {@code path} is one of the agent's paths or {@link #OTHER_PATH}. */
  void request(String path, int status) {
    requests.computeIfAbsent(path + "\u0000" + status, k -> new LongAdder()).increment();
  }

  @Override
  public void onRefresh(AccessToken token, Duration took) {
    (token.fromStore() ? fromStore : exchanges).increment();
    expiresAt = token.expiresAt().orElse(null);
  }

  @Override
  public void onFailure(
      RuntimeException error, int consecutiveFailures, Duration nextAttemptIn, boolean stillValid, Duration took) {
    String k = error instanceof FireflyAuthException f ? kind(f.kind()) : "other";
    failures.get(k).increment();
  }

  /** The Prometheus text exposition (format 0.0.4). */
  String render() {
    StringBuilder sb = new StringBuilder();
    header(sb, "firefly_agent_requests_total", "counter", "HTTP requests answered, by path and status code.");
    new TreeMap<>(requests).forEach((key, n) -> {
      int sep = key.indexOf('\u0000');
      sb.append("firefly_agent_requests_total{path=\"").append(key, 0, sep).append("\",code=\"")
          .append(key.substring(sep + 1)).append("\"} ").append(n.sum()).append('\n');
    });
    header(sb, "firefly_agent_exchanges_total", "counter", "Tokens the agent obtained by an exchange with IMS.");
    sb.append("firefly_agent_exchanges_total ").append(exchanges.sum()).append('\n');
    header(sb, "firefly_agent_store_tokens_total", "counter",
        "Tokens the agent read from the token store instead of exchanging.");
    sb.append("firefly_agent_store_tokens_total ").append(fromStore.sum()).append('\n');
    header(sb, "firefly_agent_exchange_failures_total", "counter", "Failed attempts to obtain a token, by kind.");
    failures.forEach((k, n) -> sb.append("firefly_agent_exchange_failures_total{kind=\"").append(k).append("\"} ")
        .append(n.sum()).append('\n'));
    Instant exp = expiresAt;
    if (exp != null) {
      header(sb, "firefly_agent_token_expiry_seconds", "gauge",
          "Seconds until the token the agent hands out expires; negative once it has.");
      sb.append("firefly_agent_token_expiry_seconds ").append(Duration.between(time.now(), exp).getSeconds())
          .append('\n');
    }
    return sb.toString();
  }

  private static void header(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }
}

package dev.fireflyauth.cli.serve;

/** {@code GET /metrics}: the {@link AgentMetrics} in the Prometheus text format. */
final class MetricsEndpoint implements Endpoint {
  private final AgentMetrics metrics;

  MetricsEndpoint(AgentMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Reply answer() {
    return Reply.text(200, Reply.PROMETHEUS, metrics.render());
  }
}

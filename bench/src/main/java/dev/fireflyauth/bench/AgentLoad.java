package dev.fireflyauth.bench;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.agent.AgentTokenProviderFactory;
import dev.fireflyauth.store.TokenStores;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * P11: {@link #THREADS} client threads, each with its own {@link FireflyAuth} (as {@value #THREADS} application
 * processes on one host would have), calling {@code token()} through a {@code firefly-auth serve} agent (a real
 * process started by the launcher), against the same threads each exchanging in-process with the IMS provider.
 * Counts IMS exchanges (goal: 1, the agent's) and the latency of {@code token()}: the first call of all threads
 * released together (cold: a network call either way, to the agent or to IMS), then every call during
 * {@link #STEADY} of steady load (the hot path, where the provider no longer matters).
 */
final class AgentLoad implements Scenario {
  static final int THREADS = 64;
  static final Duration STEADY = Duration.ofSeconds(2);

  private final CliRig rig;

  AgentLoad(CliRig rig) {
    this.rig = rig;
  }

  @Override
  public String id() {
    return "p11";
  }

  @Override
  public Results run() throws Exception {
    Results r = new Results("P11 token agent", THREADS + " threads, each with its own FireflyAuth, released together"
        + " for a first token() (cold) and then calling token() for " + STEADY.toSeconds() + " s (steady); through"
        + " a `firefly-auth serve` agent process vs each exchanging in-process with the IMS provider; the emulator"
        + " issues 24 h tokens");
    String missing = rig.missing();
    if (missing != null) {
      return r.note("not_run", missing);
    }
    try (ImsEmulator ims = ImsEmulator.start()) {
      RegisteredClient agentClient = ims.registerClient();
      RegisteredClient direct = ims.registerClient();
      Path dir = Files.createTempDirectory(rig.work, "agent-");
      Path tokenFile = dir.resolve("agent-token");
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Map<String, String> env = new java.util.HashMap<>(CliRig.env(ims, agentClient, dir));
      env.put(Setting.TOKEN_STORE.env(), TokenStores.NONE);
      Processes.Started agent = Processes.start(Processes.builder(rig.cli("serve", "--listen", "127.0.0.1:" + port,
          "--auth-token-file", tokenFile.toString()), env));
      try {
        String base = "http://127.0.0.1:" + port;
        awaitHealthy(base, agent);
        Settings viaAgent = Settings.builder()
            .put(AgentTokenProviderFactory.URL, base)
            .put(AgentTokenProviderFactory.TOKEN_FILE, tokenFile.toString())
            .build();
        Phase a = phase(() -> FireflyAuth.builder().settings(viaAgent).tokenStore(TokenStores.NONE).build());
        // The agent's exchanges, its health check's included.
        put(r, "agent", a, ims.requestCount(agentClient.clientId()));
        Settings inProcess = Settings.builder().put(Setting.IMS_URL, ims.tokenUrl().toString()).build();
        ClientCredentials creds = ClientCredentials.builder().clientId(direct.clientId())
            .addSecret(Secret.of(direct.clientSecret())).build();
        Phase d = phase(() -> FireflyAuth.builder().settings(inProcess).credentials(creds)
            .tokenStore(TokenStores.NONE).build());
        put(r, "in_process", d, ims.requestCount(direct.clientId()));
        r.note("ratio_exchanges", (double) ims.requestCount(agentClient.clientId())
            / Math.max(1, ims.requestCount(direct.clientId())));
        r.note("ratio_cold_p99", Stats.hundredths((double) a.cold.percentile(99) / d.cold.percentile(99)));
        r.note("ratio_steady_p99", Stats.hundredths((double) a.steady.percentile(99) / d.steady.percentile(99)));
      } finally {
        agent.process().destroy();
        Processes.Finished f = Processes.finish(agent, 30);
        r.note("agent_exit_on_sigterm", f.exit());
      }
    }
    return r;
  }

  private static void put(Results r, String who, Phase p, int exchanges) {
    r.note(who + "_exchanges", exchanges)
        .note(who + "_failed_calls", p.failures)
        .note(who + "_cold_p50_ms", Stats.millis(p.cold.percentile(50)))
        .note(who + "_cold_p99_ms", Stats.millis(p.cold.percentile(99)))
        .note(who + "_cold_max_ms", Stats.millis(p.cold.percentile(100)))
        .note(who + "_steady_calls", p.steady.count())
        .note(who + "_steady_p50_ns", p.steady.percentile(50))
        .note(who + "_steady_p99_ns", p.steady.percentile(99))
        .note(who + "_steady_p99_9_ns", p.steady.percentile(99.9))
        .note(who + "_steady_max_ms", Stats.millis(p.steady.percentile(100)));
  }

  /** What one mode's threads saw. */
  private static final class Phase {
    final LatencyHistogram cold = new LatencyHistogram();
    final LatencyHistogram steady = new LatencyHistogram();
    long failures;
  }

  private static Phase phase(Supplier<FireflyAuth> make) throws InterruptedException {
    List<FireflyAuth> auths = new ArrayList<>();
    List<TokenProvider> providers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      FireflyAuth a = make.get();
      auths.add(a);
      providers.add(a.tokenProvider());
    }
    Phase phase = new Phase();
    LatencyHistogram[] cold = new LatencyHistogram[THREADS];
    LatencyHistogram[] steady = new LatencyHistogram[THREADS];
    long[] failures = new long[THREADS];
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[THREADS];
    for (int i = 0; i < THREADS; i++) {
      int k = i;
      cold[k] = new LatencyHistogram();
      steady[k] = new LatencyHistogram();
      threads[k] = new Thread(() -> {
        TokenProvider p = providers.get(k);
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        long t0 = System.nanoTime();
        try {
          p.token();
        } catch (RuntimeException e) {
          failures[k]++;
        }
        cold[k].record(System.nanoTime() - t0);
        long end = System.nanoTime() + STEADY.toNanos();
        long now;
        while ((now = System.nanoTime()) - end < 0) {
          try {
            p.token();
          } catch (RuntimeException e) {
            failures[k]++;
          }
          steady[k].record(System.nanoTime() - now);
        }
      }, "p11-client-" + k);
      threads[k].start();
    }
    ready.await();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    for (int i = 0; i < THREADS; i++) {
      phase.cold.add(cold[i]);
      phase.steady.add(steady[i]);
      phase.failures += failures[i];
    }
    auths.forEach(FireflyAuth::close);
    return phase;
  }

  private static void awaitHealthy(String base, Processes.Started agent) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!agent.process().isAlive()) {
        throw new IllegalStateException("the agent exited " + agent.process().exitValue() + ": "
            + Processes.shown(agent.err().getNow("")));
      }
      try {
        HttpResponse<Void> h = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (h.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the agent on " + base + " did not become healthy in 60 s");
  }
}

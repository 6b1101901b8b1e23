package dev.fireflyauth.bench;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * P10: a fleet of {@link #PROCESSES} JVM processes, each serving the same {@link #TENANTS} tenants (distinct
 * clients on the test kit's IMS emulator, {@link #LIFETIME} tokens), sharing one real {@code redis-server} as
 * their token store, for {@link #RUN} unless told otherwise. Counts IMS exchanges per credential per token
 * lifetime.
 *
 * <p>The peer is what every cache without a fleet-wide store does: each process exchanges for itself, so IMS
 * sees the fleet's size times one process's rate. That rate is measured in the same run, not assumed: a control
 * process serves {@link #TENANTS} other clients alone, with no store. A 60 s token is refreshed about half-way
 * through its life (the refresh window is capped at half the lifetime for lifetimes under 20 minutes), so one
 * process makes about two exchanges per lifetime; the fleet meets the goal when it makes no more than one
 * process does: ratio fleet ÷ control = 1.
 *
 * <p>Runs once per bench run (3 minutes is most of the time budget's slack); the spread is across the tenants.
 */
final class RedisFleet implements Scenario {
  static final int PROCESSES = 8;
  static final int TENANTS = 100;
  static final Duration LIFETIME = Duration.ofSeconds(60);
  static final Duration RUN = Duration.ofMinutes(3);
  static final long INTERVAL_MS = 100;

  private final Duration run;

  RedisFleet(Duration run) {
    this.run = run;
  }

  @Override
  public String id() {
    return "p10";
  }

  @Override
  public Results run() throws Exception {
    Results r = new Results("P10 Redis fleet", PROCESSES + " JVM processes × " + TENANTS + " tenants (distinct"
        + " clients, " + LIFETIME.toSeconds() + " s tokens) sharing one redis-server for " + run.toSeconds()
        + " s, each process calling token() for every tenant every " + INTERVAL_MS + " ms; a control process"
        + " serves " + TENANTS + " other clients alone without a store");
    var redis = RedisProcess.binary();
    if (redis.isEmpty()) {
      return r.note("not_run", "redis-server is not on the PATH (Debian package redis-server)");
    }
    String benchJar = new File(RedisFleet.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getPath();
    Path work = Files.createTempDirectory("firefly-bench-fleet-");
    try (ImsEmulator ims = ImsEmulator.builder().expiresIn(LIFETIME).build();
        RedisProcess server = RedisProcess.start(redis.get())) {
      List<RegisteredClient> fleet = register(ims);
      List<RegisteredClient> alone = register(ims);
      Path fleetFile = clientsFile(work.resolve("fleet.txt"), fleet);
      Path aloneFile = clientsFile(work.resolve("alone.txt"), alone);
      List<Processes.Started> started = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        started.add(Processes.start(worker(benchJar, ims, server.spec(), fleetFile)));
      }
      Processes.Started control = Processes.start(worker(benchJar, ims, "none", aloneFile));
      long calls = 0;
      long failures = 0;
      long warnings = 0;
      for (Processes.Started s : started) {
        Processes.Finished f = Processes.finish(s, run.toSeconds() + 120);
        long[] c = counts(f);
        calls += c[0];
        failures += c[1];
        warnings += c[2] + f.err().lines().filter(l -> l.contains("WARNING")).count();
      }
      Processes.Finished c = Processes.finish(control, 120);
      long[] cc = counts(c);
      double lifetimes = run.toMillis() / (double) LIFETIME.toMillis();
      long[] fleetEx = fleet.stream().mapToLong(k -> ims.requestCount(k.clientId())).toArray();
      long[] aloneEx = alone.stream().mapToLong(k -> ims.requestCount(k.clientId())).toArray();
      double fleetMedian = Stats.percentile(fleetEx, 50);
      double aloneMedian = Stats.percentile(aloneEx, 50);
      r.note("token_lifetimes_in_run", Stats.hundredths(lifetimes))
          .note("fleet_exchanges_per_credential_median", fleetMedian)
          .note("fleet_exchanges_per_credential_min", Stats.percentile(fleetEx, 0))
          .note("fleet_exchanges_per_credential_max", Stats.percentile(fleetEx, 100))
          .note("fleet_per_credential_per_lifetime", Stats.hundredths(fleetMedian / lifetimes))
          .note("alone_exchanges_per_credential_median", aloneMedian)
          .note("alone_exchanges_per_credential_min", Stats.percentile(aloneEx, 0))
          .note("alone_exchanges_per_credential_max", Stats.percentile(aloneEx, 100))
          .note("alone_per_credential_per_lifetime", Stats.hundredths(aloneMedian / lifetimes))
          .note("peers_per_credential_per_lifetime", Stats.hundredths(PROCESSES * aloneMedian / lifetimes))
          .note("ratio", Stats.hundredths(fleetMedian / aloneMedian))
          .note("ratio_vs_peers", Stats.hundredths(fleetMedian / (PROCESSES * aloneMedian)))
          .note("fleet_calls", calls)
          .note("fleet_failed_calls", failures)
          .note("fleet_store_warnings", warnings)
          .note("control_calls", cc[0])
          .note("control_failed_calls", cc[1])
          .note("fleet_exchanges_histogram", histogram(fleetEx));
    }
    return r;
  }

  private static List<RegisteredClient> register(ImsEmulator ims) {
    List<RegisteredClient> out = new ArrayList<>();
    for (int i = 0; i < TENANTS; i++) {
      out.add(ims.registerClient());
    }
    return out;
  }

  private static Path clientsFile(Path file, List<RegisteredClient> clients) throws Exception {
    StringBuilder sb = new StringBuilder();
    clients.forEach(c -> sb.append(c.clientId()).append(' ').append(c.clientSecret()).append('\n'));
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private ProcessBuilder worker(String benchJar, ImsEmulator ims, String spec, Path clients) {
    return Processes.builder(List.of(Processes.java(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", benchJar,
        FleetWorker.class.getName(), ims.tokenUrl().toString(), spec, clients.toString(),
        String.valueOf(run.toSeconds()), String.valueOf(INTERVAL_MS)), Map.of());
  }

  /** calls, failures, warnings from a worker's last line; fails when the worker did not finish cleanly. */
  private static long[] counts(Processes.Finished f) {
    String last = f.out().strip();
    if (f.exit() != 0 || !last.startsWith("calls=")) {
      throw new IllegalStateException("a fleet worker exited " + f.exit() + ": "
          + Processes.shown(f.err()));
    }
    return Arrays.stream(last.split(" ")).mapToLong(kv -> Long.parseLong(kv.substring(kv.indexOf('=') + 1)))
        .toArray();
  }

  private static String histogram(long[] values) {
    java.util.TreeMap<Long, Integer> h = new java.util.TreeMap<>();
    for (long v : values) {
      h.merge(v, 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    h.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" exchanges: ").append(v));
    return sb.toString();
  }
}

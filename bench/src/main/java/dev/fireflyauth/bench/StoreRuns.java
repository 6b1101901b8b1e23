package dev.fireflyauth.bench;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * P8 and P9: the CLI across processes with its default file token store.
 *
 * <ul>
 *   <li>P8: IMS exchanges for 32 CLI processes started together on an empty store, and for 100 sequential runs
 *       on another empty store (goal: 1 each).
 *   <li>P9: the wall time of those sequential runs that are served from the store, against the minimal
 *       {@code HttpClient} POST (goal ≤ 0.35×) and against {@code curl} posting the same form (the floor: a
 *       native program with no JVM at all), interleaved: after every {@link #PEER_EVERY}th CLI run, one of each.
 * </ul>
 * The CLI runs through its launcher with its archive in place (see {@link CliRig}); the peers use a client of
 * their own on the same emulator, so their exchanges are not counted against the CLI.
 */
final class StoreRuns implements Scenario {
  static final int CONCURRENT = 32;
  static final int SEQUENTIAL = 100;
  static final int PEER_EVERY = 10;
  static final Path CURL = Path.of("/usr/bin/curl");

  private final CliRig rig;

  StoreRuns(CliRig rig) {
    this.rig = rig;
  }

  @Override
  public String id() {
    return "p8p9";
  }

  @Override
  public Results run() throws Exception {
    Results r = new Results("P8/P9 token store across processes", CONCURRENT + " `firefly-auth token` processes"
        + " started together on an empty store, then " + SEQUENTIAL + " sequential runs on another empty store;"
        + " after every " + PEER_EVERY + "th sequential run one minimal POST and one `curl` POST of the same"
        + " form; wall time from process start to exit");
    String missing = rig.missing();
    if (missing != null) {
      return r.note("not_run", missing);
    }
    try (ImsEmulator ims = ImsEmulator.start()) {
      rig.prepare(ims);
      RegisteredClient together = ims.registerClient();
      Map<String, String> env = CliRig.env(ims, together, rig.freshStore());
      List<Processes.Started> started = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        started.add(Processes.start(Processes.builder(rig.cli("token"), env)));
      }
      for (Processes.Started s : started) {
        Processes.finish(s, 300).requireToken("a concurrent `firefly-auth token`");
      }
      r.note("concurrent_runs", CONCURRENT).note("concurrent_exchanges", ims.requestCount(together.clientId()));

      RegisteredClient sequential = ims.registerClient();
      RegisteredClient peer = ims.registerClient();
      Map<String, String> seqEnv = CliRig.env(ims, sequential, rig.freshStore());
      Map<String, String> peerEnv = CliRig.env(ims, peer, rig.freshStore());
      List<String> curl = curl(ims, peer);
      long[] stored = new long[SEQUENTIAL - 1];
      long[] minimal = new long[SEQUENTIAL / PEER_EVERY];
      long[] curls = new long[curl == null ? 0 : SEQUENTIAL / PEER_EVERY];
      long first = 0;
      for (int i = 0; i < SEQUENTIAL; i++) {
        long t = Processes.run(rig.cli("token"), seqEnv, 120).requireToken("a sequential `firefly-auth token`")
            .nanos();
        if (i == 0) {
          first = t;
        } else {
          stored[i - 1] = t;
        }
        if ((i + 1) % PEER_EVERY == 0) {
          int k = (i + 1) / PEER_EVERY - 1;
          minimal[k] = Processes.run(rig.minimal(), peerEnv, 120).requireToken("the minimal POST").nanos();
          if (curl != null) {
            Processes.Finished f = Processes.run(curl, Map.of(), 60);
            if (f.exit() != 0 || !f.out().contains("\"access_token\"")) {
              throw new IllegalStateException("curl failed: exit " + f.exit());
            }
            curls[k] = f.nanos();
          }
        }
      }
      r.note("sequential_runs", SEQUENTIAL).note("sequential_exchanges", ims.requestCount(sequential.clientId()))
          .note("first_run_ms", Stats.millis(first))
          .note("stored_median_ms", Stats.millis(Stats.percentile(stored, 50)))
          .note("stored_p90_ms", Stats.millis(Stats.percentile(stored, 90)))
          .note("minimal_median_ms", Stats.millis(Stats.percentile(minimal, 50)))
          .note("ratio", Stats.hundredths(Stats.percentile(stored, 50) / (double) Stats.percentile(minimal, 50)))
          .note("stored_runs_ms", Arrays.stream(stored).mapToDouble(Stats::millis).toArray())
          .note("minimal_runs_ms", Arrays.stream(minimal).mapToDouble(Stats::millis).toArray());
      if (curl == null) {
        r.note("curl", "not run: " + CURL + " is absent");
      } else {
        r.note("curl_median_ms", Stats.millis(Stats.percentile(curls, 50)))
            .note("ratio_curl", Stats.hundredths(Stats.percentile(stored, 50) / (double) Stats.percentile(curls, 50)))
            .note("curl_runs_ms", Arrays.stream(curls).mapToDouble(Stats::millis).toArray());
      }
    }
    return r;
  }

  /**
   * The token POST of Adobe's Firefly Services quick start, as curl: the client_credentials form with the
   * client ID, the secret and the default scopes; null when curl is absent.
   */
  static List<String> curl(ImsEmulator ims, RegisteredClient client) {
    if (!Files.isExecutable(CURL)) {
      return null;
    }
    return List.of(CURL.toString(), "-s", "-X", "POST", ims.tokenUrl().toString(),
        "-H", "Content-Type: application/x-www-form-urlencoded",
        "-d", "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret="
            + client.clientSecret() + "&scope=" + String.join(",", ClientCredentials.DEFAULT_SCOPES));
  }
}

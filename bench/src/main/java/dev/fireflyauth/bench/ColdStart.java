package dev.fireflyauth.bench;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P5: a cold {@code firefly-auth token} that must exchange, as a fresh process against the test kit's IMS
 * emulator on loopback, against {@link MinimalTokenPost} doing the same single POST from its own 6 KB jar.
 *
 * <p>Both sides start cold in the same way: a fresh JVM, nothing warmed for it by anyone else. Each program runs
 * twice untimed first (so the OS file cache holds its jar and the JDK). The CLI runs through its launcher, as
 * users run it, so it gets what the launcher gives every run once it exists: its class-data archive (made by
 * the first token run after a build, whose cost is reported) and short-lived JVM flags; the minimal POST runs
 * as {@code java -jar}, with the JDK's default CDS archive. Two rows show where the difference comes from: the
 * CLI jar under plain {@code java -jar} (no launcher), and the minimal POST given everything the CLI gets (the
 * same flags, an archive of its own, and the same early release of the HttpClient selector thread at exit).
 * Runs rotate through the programs, so each goes first equally often; the figure is the ratio of medians.
 */
final class ColdStart implements Scenario {
  private final CliRig rig;
  private final int runs;
  private Path minimalArchive;

  ColdStart(CliRig rig, int runs) {
    this.rig = rig;
    this.runs = runs;
  }

  @Override
  public String id() {
    return "p5";
  }

  @Override
  public Results run() throws Exception {
    Results r = new Results("P5 cold start", runs + " rotated runs of each program below, fresh processes, the"
        + " IMS emulator on loopback, `--no-store` so every CLI run exchanges; wall time from process start to"
        + " exit; 2 untimed runs of each first");
    String missing = rig.missing();
    if (missing != null) {
      return r.note("not_run", missing);
    }
    try (ImsEmulator ims = ImsEmulator.start()) {
      r.note("launcher_first_run", rig.prepare(ims));
      RegisteredClient ours = ims.registerClient();
      RegisteredClient peers = ims.registerClient();
      Map<String, String> cliEnv = CliRig.env(ims, ours, rig.freshStore());
      Map<String, String> peerEnv = CliRig.env(ims, peers, rig.freshStore());
      if (minimalArchive == null) {
        minimalArchive = minimalArchive(peerEnv);
      }
      Map<String, List<String>> programs = new LinkedHashMap<>();
      programs.put("cli", rig.cli("token", "--no-store"));
      programs.put("minimal", rig.minimal());
      programs.put("cli_plain_java", List.of(Processes.java(), "-jar", rig.cliJar.toString(), "token", "--no-store"));
      List<String> tuned = new ArrayList<>(List.of(Processes.java()));
      tuned.addAll(CliRig.SHORT_LIVED_FLAGS);
      tuned.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + minimalArchive, "-Xlog:cds*=off",
          "-Dminimal.releaseSelector=true", "-jar", rig.minimalJar.toString()));
      programs.put("minimal_tuned", tuned);
      Map<String, long[]> times = new LinkedHashMap<>();
      List<String> names = new ArrayList<>(programs.keySet());
      for (String n : names) {
        Map<String, String> env = n.startsWith("cli") ? cliEnv : peerEnv;
        for (int i = 0; i < 2; i++) {
          Processes.run(programs.get(n), env, 120).requireToken(n);
        }
        times.put(n, new long[runs]);
      }
      for (int i = 0; i < runs; i++) {
        for (int j = 0; j < names.size(); j++) {
          String n = names.get((i + j) % names.size());
          Map<String, String> env = n.startsWith("cli") ? cliEnv : peerEnv;
          times.get(n)[i] = Processes.run(programs.get(n), env, 120).requireToken(n).nanos();
        }
      }
      for (String n : names) {
        long[] t = times.get(n);
        r.note(n + "_median_ms", Stats.millis(Stats.percentile(t, 50)))
            .note(n + "_runs_ms", Arrays.stream(t).mapToDouble(Stats::millis).toArray());
      }
      double cli = Stats.percentile(times.get("cli"), 50);
      r.note("ratio", Stats.hundredths(cli / Stats.percentile(times.get("minimal"), 50)))
          .note("ratio_vs_tuned_minimal", Stats.hundredths(cli / Stats.percentile(times.get("minimal_tuned"), 50)))
          .note("ratio_plain_java", Stats.hundredths((double) Stats.percentile(times.get("cli_plain_java"), 50)
              / Stats.percentile(times.get("minimal"), 50)));
    }
    return r;
  }

  /** An AppCDS archive for the minimal POST, made the way the launcher makes the CLI's (class list, then dump). */
  private Path minimalArchive(Map<String, String> env) throws Exception {
    Path list = rig.work.resolve("minimal.classlist");
    Path archive = rig.work.resolve("minimal.jsa");
    List<String> record = new ArrayList<>(List.of(Processes.java()));
    record.addAll(CliRig.SHORT_LIVED_FLAGS);
    record.addAll(List.of("-XX:DumpLoadedClassList=" + list, "-jar", rig.minimalJar.toString()));
    Processes.run(record, env, 120).requireToken("the minimal POST's training run");
    List<String> dump = new ArrayList<>(List.of(Processes.java()));
    dump.addAll(CliRig.SHORT_LIVED_FLAGS);
    dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
        "-Xlog:disable", "-cp", rig.minimalJar.toString()));
    Processes.Finished f = Processes.run(dump, env, 120);
    if (f.exit() != 0) {
      throw new IllegalStateException("could not dump the minimal POST's archive: " + Processes.shown(f.err()));
    }
    return archive;
  }
}

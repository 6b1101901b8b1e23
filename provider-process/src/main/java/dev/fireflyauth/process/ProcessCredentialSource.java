package dev.fireflyauth.process;

import com.google.auto.service.AutoService;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.spi.support.LoadCache;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Credentials printed by a command: the CLI of whatever secret manager a team already uses (1Password
 * {@code op}, HashiCorp {@code vault}, {@code pass}, Doppler, an in-house tool), plugged in without writing a
 * provider — the {@code credential_process} of AWS, for Firefly.
 *
 * <p>Why it exists: no library can ship a provider for every secret store, but every store has a CLI. Opt-in
 * only: nothing is ever run unless {@code FIREFLY_CREDENTIAL_PROCESS} ({@code firefly.credential.process}) or a
 * locator {@code firefly:process?command=<percent-encoded command line>} names the command. The command line is
 * split like a POSIX shell would ({@link CommandLine}) but runs without one; it must print one JSON object with
 * the keys of the credentials file, and may add {@code expires_at} to have its answer reused until then
 * ({@link ProcessOutput}). Without it the command runs on every load — once per token lifetime, since the IMS
 * provider asks again at each exchange — and a load after a rejection always runs it ({@link LoadCache}).
 * Concurrent loads share one run.
 *
 * <p>Each run is bounded ({@link ProcessRunner}): a timeout ({@code FIREFLY_CREDENTIAL_PROCESS_TIMEOUT},
 * default 30 s; the process tree is stopped, a transient failure), 64 KiB of stdout, stdin closed, the
 * environment passed through. Messages, the trace and the origin ({@code process op}) name the command by its
 * executable's file name only; arguments may hold a token or a secret's path.
 */
@AutoService(CredentialSource.class)
public final class ProcessCredentialSource implements CredentialSource {
  static final String NAME = "process";

  private final ProcessRunner runner;
  private final LoadCache<List<String>, ClientCredentials> cache = new LoadCache<>();

  /** The source as {@link java.util.ServiceLoader} creates it: cheap, it starts nothing until configured. */
  public ProcessCredentialSource() {
    this(ProcessRunner.DEFAULT_GRACE);
  }

  /** With another wait between SIGTERM and SIGKILL when a command is stopped (tests). */
  ProcessCredentialSource(Duration grace) {
    this.runner = new ProcessRunner(grace);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** After env (100), file (200) and aws-secrets (300): a command is the most expensive source to ask. */
  @Override
  public int order() {
    return 400;
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    Optional<ProcessRequest> found = ProcessRequest.read(context);
    if (found.isEmpty()) {
      return context.notConfigured(ProcessRequest.COMMAND + " is not set");
    }
    ProcessRequest request = found.get();
    return Optional.of(cache.get(request.argv(), context.time(), context.bypassCaches(), () -> {
      ProcessOutput.Answer answer = ProcessOutput.read(request, runner.run(request));
      // expires_at is wall-clock: it becomes "how long from now", measured on the monotonic clock from here.
      Duration keep = answer.expiresAt().map(at -> Duration.between(context.time().now(), at)).orElse(Duration.ZERO);
      return new LoadCache.Loaded<>(answer.credentials(), keep);
    }));
  }

  /** Forgets kept answers. A run in progress finishes (or times out) on the thread that started it. */
  @Override
  public void close() {
    cache.clear();
  }

  @Override
  public String toString() {
    return "ProcessCredentialSource";
  }
}

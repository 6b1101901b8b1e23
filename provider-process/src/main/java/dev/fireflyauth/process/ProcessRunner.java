package dev.fireflyauth.process;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.TransientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one command with hard limits and returns what it left behind: its exit code, its stdout (at most
 * {@value #STDOUT_LIMIT} bytes) and the end of its stderr.
 *
 * <p>Why it exists: a credential command is code we do not control, and it runs inside the caller's
 * application. So it gets no shell and no stdin (closed at once: a command that prompts sees end of input
 * instead of hanging), the parent's environment unchanged (proxy variables included), a deadline for exiting
 * <em>and</em> closing its stdout, after which it is stopped with every process it started
 * ({@link ProcessTree}), and bounded buffers: more stdout than any credentials JSON needs stops it at once.
 * Thread-safe; each run uses two short-lived daemon threads to drain the pipes.
 */
final class ProcessRunner {
  /** Stdout beyond this is refused: credentials JSON is a few hundred bytes. */
  static final int STDOUT_LIMIT = 64 * 1024;
  /** How much of the end of stderr is kept; only its last line is ever shown. */
  static final int STDERR_LIMIT = 8 * 1024;
  /** How long stopping waits after SIGTERM before SIGKILL. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

  private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long STDERR_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final System.Logger LOG = System.getLogger(ProcessRunner.class.getPackageName());

  private final Duration grace;

  ProcessRunner(Duration grace) {
    this.grace = grace;
  }

  /**
   * What a command that exited left: the exit code, the bytes of stdout, and the end of stderr as text, read
   * only when asked (waiting briefly for its end): a successful run never waits for a stderr that a background
   * process keeps open.
   */
  record Finished(int exitCode, byte[] stdout, Supplier<String> stderr) {}

  /**
   * Runs {@code request} to completion.
   *
   * @throws TransientException when it does not finish within the timeout (it is stopped) or the thread is
   *     interrupted
   * @throws CredentialSourceException when it cannot be started or writes more than {@value #STDOUT_LIMIT}
   *     bytes to stdout
   */
  Finished run(ProcessRequest request) {
    long started = System.nanoTime();
    long deadline = started + request.timeout().toNanos();
    LOG.log(System.Logger.Level.DEBUG, () -> "running " + request);
    Process process = start(request);
    ProcessTree tree = new ProcessTree(process);
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // It already exited; its exit code says more.
    }
    StreamCapture out = StreamCapture.head(
        process.getInputStream(), STDOUT_LIMIT, () -> tree.stop(grace), "firefly-process-stdout");
    StreamCapture err = StreamCapture.tail(process.getErrorStream(), STDERR_LIMIT, "firefly-process-stderr");
    CompletableFuture<Void> finished = CompletableFuture.allOf(process.onExit(), out.done());
    while (!finished.isDone()) {
      tree.remember();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        boolean exited = !process.isAlive();
        tree.stop(grace);
        throw timedOut(request, exited, out, err);
      }
      try {
        finished.get(Math.min(left, SAMPLE_NANOS), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // sample the process tree again
      } catch (ExecutionException e) {
        throw new IllegalStateException("waiting for a process cannot fail", e);
      } catch (InterruptedException e) {
        tree.stop(grace);
        Thread.currentThread().interrupt();
        throw new TransientException(
            request.describe() + " was stopped: the thread waiting for it was interrupted", null);
      }
    }
    if (out.overflowed()) {
      tree.stop(grace);
      throw new CredentialSourceException(ProcessCredentialSource.NAME, request.describe() + " wrote more than "
          + STDOUT_LIMIT / 1024 + " KiB to stdout and was stopped; it must print one JSON object with the"
          + " credentials");
    }
    int exit = process.exitValue();
    byte[] stdout = out.bytes();
    LOG.log(System.Logger.Level.DEBUG, () -> request.describe() + " exited with code " + exit + " after "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms, " + stdout.length + " bytes on stdout");
    return new Finished(exit, stdout, () -> {
      awaitQuietly(err.done(), STDERR_WAIT_NANOS);
      return text(err);
    });
  }

  private static Process start(ProcessRequest request) {
    ProcessBuilder builder = new ProcessBuilder(request.argv()); // inherits our environment and directory
    try {
      return builder.start();
    } catch (IOException e) {
      throw LaunchFailure.of(request, e);
    }
  }

  private static TransientException timedOut(
      ProcessRequest request, boolean exited, StreamCapture out, StreamCapture err) {
    String why = exited
        ? " exited, but its stdout was still open after " + request.timeoutText()
            + " (a background process it started keeps it open?)"
        : " did not finish within " + request.timeoutText();
    String stderr = StderrLine.of(text(err), ProcessOutput.secretsIn(out.bytes()));
    return new TransientException(request.describe() + why + " and was stopped with the processes it started"
        + (stderr.isEmpty() ? "" : "; its stderr ended with: " + stderr)
        + "; if it needs longer, raise " + ProcessRequest.TIMEOUT, null);
  }

  private static String text(StreamCapture err) {
    return new String(err.bytes(), StandardCharsets.UTF_8);
  }

  private static void awaitQuietly(CompletableFuture<Void> f, long nanos) {
    try {
      f.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // take what was read so far
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.fireflyauth.process;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.TransientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command with hard limits and returns what it left behind: its exit code, its stdout (at most
 * {@value #STDOUT_LIMIT} bytes) and the end of its stderr.
 *
 * <p>Why it exists: a credential command is code we do not control, and it runs inside the caller's
 * application. So it gets no shell and no stdin (closed at once: a command that prompts sees end of input
 * instead of hanging), the parent's environment unchanged (proxy variables included), a deadline for exiting,
 * after which it is stopped with every process it started ({@link ProcessTree}), and bounded buffers: more
 * stdout than any credentials JSON needs stops it at once.
 *
 * <p>A run is finished when the command exits, and its output is what it wrote before it exited, as with the
 * AWS SDK's {@code credential_process}. A process it left running (a daemon such as {@code gpg-agent}, or a
 * stray {@code sleep}) neither holds the answer up nor is stopped: it is not ours once the command is done.
 * Everything happens on the calling thread; the pipes are drained without blocking ({@link StreamCapture}).
 * Thread-safe: runs share nothing.
 */
final class ProcessRunner {
  /** Stdout beyond this is refused: credentials JSON is a few hundred bytes. */
  static final int STDOUT_LIMIT = 64 * 1024;
  /** How much of the end of stderr is kept; only its last line is ever shown. */
  static final int STDERR_LIMIT = 8 * 1024;
  /** How long stopping waits after SIGTERM before SIGKILL. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

  /** How often the process tree is sampled, so that a timeout can stop what the command started. */
  private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** The longest a byte waits in a pipe while the command runs; its exit ends the wait at once. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** Read from each pipe per pass while the command runs, so the deadline is checked between passes. */
  private static final long PASS_BYTES = 64 * 1024;
  /**
   * Read from each pipe after the command exited: what it wrote is in the pipe (at most its capacity), and a
   * process it left writing there must not keep us reading.
   */
  private static final long FINAL_BYTES = 1024 * 1024;
  private static final System.Logger LOG = System.getLogger(ProcessRunner.class.getPackageName());

  private final Duration grace;

  ProcessRunner(Duration grace) {
    this.grace = grace;
  }

  /** What a command that exited left: the exit code, the bytes of stdout, and the end of stderr as text. */
  record Finished(int exitCode, byte[] stdout, String stderr) {}

  /**
   * Runs {@code request} until the command exits.
   *
   * @throws TransientException when it does not exit within the timeout (it is stopped) or the thread is
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
    StreamCapture out = StreamCapture.head(process.getInputStream(), STDOUT_LIMIT);
    StreamCapture err = StreamCapture.tail(process.getErrorStream(), STDERR_LIMIT);
    long nextSample = started;
    while (true) {
      // Exit first, then the pipes: whatever the command wrote before it exited is counted by available().
      boolean exited = !process.isAlive();
      long budget = exited ? FINAL_BYTES : PASS_BYTES;
      StreamCapture.Drained o = out.drain(budget);
      StreamCapture.Drained e = err.drain(budget);
      if (o == StreamCapture.Drained.OVERFLOW) {
        tree.stop(grace);
        throw new CredentialSourceException(ProcessCredentialSource.NAME, request.describe() + " wrote more than "
            + STDOUT_LIMIT / 1024 + " KiB to stdout and was stopped; it must print one JSON object with the"
            + " credentials");
      }
      if (exited) {
        break;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        tree.stop(grace);
        throw timedOut(request, out, err);
      }
      if (now - nextSample >= 0) {
        tree.remember();
        nextSample = now + SAMPLE_NANOS;
      }
      boolean more = o == StreamCapture.Drained.MORE || e == StreamCapture.Drained.MORE;
      if (more && !Thread.currentThread().isInterrupted()) {
        continue; // more is waiting: read it before pausing (an interrupt is seen by waitFor below)
      }
      try {
        process.waitFor(Math.min(deadline - now, POLL_NANOS), TimeUnit.NANOSECONDS);
      } catch (InterruptedException ie) {
        tree.stop(grace);
        Thread.currentThread().interrupt();
        throw new TransientException(
            request.describe() + " was stopped: the thread waiting for it was interrupted", null);
      }
    }
    int exit = process.exitValue();
    byte[] stdout = out.bytes();
    LOG.log(System.Logger.Level.DEBUG, () -> request.describe() + " exited with code " + exit + " after "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms, " + stdout.length + " bytes on stdout");
    return new Finished(exit, stdout, text(err));
  }

  private static Process start(ProcessRequest request) {
    ProcessBuilder builder = new ProcessBuilder(request.argv()); // inherits our environment and directory
    try {
      return builder.start();
    } catch (IOException e) {
      throw LaunchFailure.of(request, e);
    }
  }

  private static TransientException timedOut(ProcessRequest request, StreamCapture out, StreamCapture err) {
    String stderr = StderrLine.of(text(err), ProcessOutput.secretsIn(out.bytes()));
    return new TransientException(request.describe() + " did not finish within " + request.timeoutText()
        + " and was stopped with the processes it started"
        + (stderr.isEmpty() ? "" : "; its stderr ended with: " + stderr)
        + "; if it needs longer, raise " + ProcessRequest.TIMEOUT, null);
  }

  private static String text(StreamCapture err) {
    return new String(err.bytes(), StandardCharsets.UTF_8);
  }
}

package dev.fireflyauth.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one output stream of a running command on a thread of its own, keeping a bounded number of bytes:
 * the first {@code limit} (stdout: more is an error, and {@code onOverflow} stops the command at once) or the
 * last {@code limit} (stderr: only its end explains a failure).
 *
 * <p>Why it exists: a process blocks when a pipe it writes to is full, so both pipes must be drained while it
 * runs; and a command that prints without end must not fill our heap. The thread is a daemon and ends with the
 * stream; nothing is pooled, so an idle source holds no thread. Thread-safe.
 */
final class StreamCapture {
  private static final int CHUNK = 8192;

  private final int limit;
  private final boolean keepHead;
  private final Runnable onOverflow;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private byte[] bytes = new byte[0]; // guarded by this
  private int size; // guarded by this
  private boolean overflowed; // guarded by this

  private StreamCapture(int limit, boolean keepHead, Runnable onOverflow) {
    this.limit = limit;
    this.keepHead = keepHead;
    this.onOverflow = onOverflow;
  }

  /** Keeps the first {@code limit} bytes; at the first byte beyond, stops reading and runs {@code onOverflow}. */
  static StreamCapture head(InputStream in, int limit, Runnable onOverflow, String threadName) {
    return new StreamCapture(limit, true, onOverflow).start(in, threadName);
  }

  /** Keeps the last {@code limit} bytes, reading to the end. */
  static StreamCapture tail(InputStream in, int limit, String threadName) {
    return new StreamCapture(limit, false, () -> {}).start(in, threadName);
  }

  private StreamCapture start(InputStream in, String threadName) {
    Thread t = new Thread(() -> read(in), threadName);
    t.setDaemon(true);
    t.start();
    return this;
  }

  private void read(InputStream in) {
    byte[] chunk = new byte[CHUNK];
    try (in) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        if (!append(chunk, n)) {
          onOverflow.run();
          return;
        }
      }
    } catch (IOException e) {
      // The stream was closed under us (the command was stopped): what was read so far is all there is.
    } finally {
      done.complete(null);
    }
  }

  /** Adds {@code n} bytes; false when the head limit is exceeded. */
  private synchronized boolean append(byte[] chunk, int n) {
    if (keepHead && size + n > limit) {
      overflowed = true;
      return false;
    }
    if (bytes.length < size + n) {
      bytes = Arrays.copyOf(bytes, Math.max(size + n, Math.min(Math.max(bytes.length * 2, CHUNK), 2 * limit)));
    }
    System.arraycopy(chunk, 0, bytes, size, n);
    size += n;
    if (!keepHead && size > limit) {
      System.arraycopy(bytes, size - limit, bytes, 0, limit);
      size = limit;
    }
    return true;
  }

  /** Completes when the stream has ended (or reading stopped at the limit). */
  CompletableFuture<Void> done() {
    return done;
  }

  /** Whether the command wrote more than a head limit allows. */
  synchronized boolean overflowed() {
    return overflowed;
  }

  /** A copy of the bytes kept so far. */
  synchronized byte[] bytes() {
    return Arrays.copyOf(bytes, size);
  }
}

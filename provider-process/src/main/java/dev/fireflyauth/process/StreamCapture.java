package dev.fireflyauth.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * What one output pipe of a running command held, read without ever blocking and kept within a bound: the
 * first {@code limit} bytes (stdout: more is an error) or the last {@code limit} (stderr: only its end explains
 * a failure).
 *
 * <p>Why it exists: a command blocks when a pipe it writes to is full, so both pipes must be drained while it
 * runs, and a command that prints without end must not fill our heap. It never calls a {@code read} that could
 * block: a process the command left running may hold the pipe open for ever, and a reader blocked on it would
 * also hold the monitor that the JDK needs when the command exits to hand over what is left in the pipe. Read
 * only what {@link InputStream#available()} reports; after the command has exited, everything it wrote is
 * either still in the pipe or in the buffer the JDK moved it to, and {@code available()} counts both. Not
 * thread-safe: one runner drains it on its own thread.
 */
final class StreamCapture {
  private static final int CHUNK = 8192;

  private final InputStream in;
  private final int limit;
  private final boolean keepHead;
  private final byte[] chunk = new byte[CHUNK];
  private byte[] bytes = new byte[0];
  private int size;
  private boolean overflowed;
  private boolean ended;

  private StreamCapture(InputStream in, int limit, boolean keepHead) {
    this.in = in;
    this.limit = limit;
    this.keepHead = keepHead;
  }

  /** Keeps the first {@code limit} bytes; a byte beyond them makes {@link #drain()} return false. */
  static StreamCapture head(InputStream in, int limit) {
    return new StreamCapture(in, limit, true);
  }

  /** Keeps the last {@code limit} bytes. */
  static StreamCapture tail(InputStream in, int limit) {
    return new StreamCapture(in, limit, false);
  }

  /** What one {@link #drain} found. */
  enum Drained {
    /** The pipe holds nothing more now (or has ended). */
    EMPTY,
    /** The budget ran out with more waiting: a command writing without pause must not keep the reader busy. */
    MORE,
    /** A head limit was exceeded; nothing more is read. */
    OVERFLOW
  }

  /** Takes what the pipe holds now, at most about {@code budget} bytes, without waiting for more. */
  Drained drain(long budget) {
    long taken = 0;
    while (!ended && !overflowed) {
      if (taken >= budget) {
        return Drained.MORE;
      }
      try {
        int n = in.available();
        if (n <= 0) {
          return Drained.EMPTY;
        }
        int read = in.read(chunk, 0, Math.min(n, CHUNK));
        if (read < 0) {
          ended = true;
        } else {
          append(read);
          taken += read;
        }
      } catch (IOException e) {
        ended = true; // the pipe is gone (the command was stopped): what was read so far is all there is
      }
    }
    return overflowed ? Drained.OVERFLOW : Drained.EMPTY;
  }

  private void append(int n) {
    if (keepHead && size + n > limit) {
      overflowed = true;
      return;
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
  }

  /** A copy of the bytes kept so far. */
  byte[] bytes() {
    return Arrays.copyOf(bytes, size);
  }
}

package dev.fireflyauth.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what the library logs through {@link System.Logger} (which the JDK routes to
 * {@code java.util.logging} by default): every formatted message plus the messages of any attached
 * throwable chain. Used by leak scans: no secret or token may appear in a log line.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) { ... assertFalse(logs.text().contains(secret)); }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final List<String> lines = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          StringBuilder sb = new StringBuilder(record.getLevel() + " " + formatter.formatMessage(record));
          for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t);
          }
          synchronized (lines) {
            lines.add(sb.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  /** Starts capturing on the root {@code java.util.logging} logger. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** The lines captured so far, each "LEVEL message | cause | cause…". */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** All lines joined by newlines. */
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    root.removeHandler(handler);
  }
}

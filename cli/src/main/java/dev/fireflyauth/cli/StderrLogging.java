package dev.fireflyauth.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes what the library logs (through {@code System.Logger}, which lands in {@code java.util.logging}) to
 * stderr as one line per warning — "warning: credentials file … is readable by others" — and hides it with
 * {@code --quiet}. Replaces the JDK's two-line console format for the whole process.
 */
final class StderrLogging {
  private StderrLogging() {}

  static void install(PrintStream err, boolean quiet) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.setLevel(quiet ? Level.OFF : Level.WARNING);
    if (quiet) {
      return;
    }
    root.addHandler(new Handler() {
      private final SimpleFormatter formatter = new SimpleFormatter();

      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() < Level.WARNING.intValue()) {
          return;
        }
        String kind = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning";
        String msg = formatter.formatMessage(r).replace('\n', ' ');
        err.println(kind + ": " + msg);
      }

      @Override
      public void flush() {
        err.flush();
      }

      @Override
      public void close() {}
    });
  }
}

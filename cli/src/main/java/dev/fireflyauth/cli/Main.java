package dev.fireflyauth.cli;

import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.store.TokenStores;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar firefly-auth.jar …}: the real environment, the real stdout and stderr, and a process that
 * ends as soon as its work is done.
 *
 * <p>Why it exists: everything that is about this being a short-lived process, not about a verb, lives here:
 * warming the TLS stack when an exchange is certain ({@link TlsWarmUp}), and ending without the JVM's wait for
 * the {@code HttpClient} selector thread ({@link #releaseSelectorThreads()}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Settings settings = Settings.system();
    if (exchangeIsCertain(args, settings)) {
      TlsWarmUp.start();
    }
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code;
    try {
      code = Cli.execute(args, settings, out, err);
    } catch (LinkageError | RuntimeException e) {
      // Never a raw stack trace: one line, and the documented code for "not one of the known kinds".
      err.println("firefly-auth: internal error: " + e.getClass().getName());
      code = ExitCode.INTERNAL;
    }
    out.flush();
    err.flush();
    releaseSelectorThreads();
    System.exit(code);
  }

  /**
   * Whether this run will certainly build an {@code HttpClient} and exchange: a {@code token} or {@code headers}
   * run (as the {@link FastPath} reads it) with the token store off ({@code --no-store}, or
   * {@code FIREFLY_TOKEN_STORE=none}). With a store, the common run is served from it and never touches TLS;
   * warming TLS there only competes with the store's own crypto for the CPU and the security-provider locks (the
   * bench's P9 measured a stored-token run 140 ms slower with it), so it is not done.
   */
  static boolean exchangeIsCertain(String[] args, Settings settings) {
    FastPath.Run run = FastPath.parse(args);
    if (run == null) {
      return false;
    }
    return run.noStore() || settings.get(Setting.TOKEN_STORE)
        .map(v -> v.value().trim().equalsIgnoreCase(TokenStores.NONE))
        .orElse(false);
  }

  /**
   * Wakes the JDK {@code HttpClient} selector threads so the JVM can exit at once.
   *
   * <p>At exit HotSpot waits for every thread that is in native code to come back, polling every 10 ms for up
   * to 300 ms; an {@code HttpClient}'s selector thread sits in {@code epoll_wait} until its client is closed,
   * which on JDK 17–20 no API can do. That wait was about 300 ms of every exchanging run in the bench (JDK 17
   * and 25 alike), a third of its wall time. An interrupted selector thread leaves its loop and closes its selector;
   * nothing else can still be using it, because the CLI has printed its result and closed its providers.
   */
  private static void releaseSelectorThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      String name = threads[i].getName();
      if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
        threads[i].interrupt();
      }
    }
  }
}

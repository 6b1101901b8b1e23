package dev.fireflyauth.cli;

import dev.fireflyauth.Settings;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code java -jar firefly-auth.jar …}: the real environment, the real stdout and stderr. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    TlsWarmUp.start();
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code;
    try {
      code = Cli.execute(args, Settings.system(), out, err);
    } catch (LinkageError | RuntimeException e) {
      // Never a raw stack trace: one line, and the documented code for "not one of the known kinds".
      err.println("firefly-auth: internal error: " + e.getClass().getName());
      code = ExitCode.INTERNAL;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }
}

package dev.fireflyauth.process;

import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.support.PeerText;
import java.util.Collection;

/**
 * The last line a command wrote to stderr, made safe for a message: that line is where CLIs say what went wrong
 * ({@code [ERROR] You are not currently signed in}), and the rest is noise.
 *
 * <p>Why it exists: stderr is peer text, so it goes through {@link PeerText#clean} with the secrets the command
 * printed on stdout as known secrets, which strips them (raw or encoded) and anything credential-shaped,
 * control characters and excess length.
 */
final class StderrLine {
  private StderrLine() {}

  /** The last non-blank line of {@code stderr}, cleaned; empty when there is none. */
  static String of(String stderr, Collection<Secret> known) {
    String[] lines = stderr.split("\r\n|\r|\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return PeerText.clean(lines[i], known);
      }
    }
    return "";
  }
}

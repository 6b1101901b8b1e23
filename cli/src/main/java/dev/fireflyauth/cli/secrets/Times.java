package dev.fireflyauth.cli.secrets;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** How the verbs show a secret's times: ISO-8601 UTC to the second, or a word when there is none. */
final class Times {
  private Times() {}

  static String show(Optional<Instant> t, String none) {
    return t.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(none);
  }

  /** For JSON output: the exact time, or null. */
  static String json(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }
}

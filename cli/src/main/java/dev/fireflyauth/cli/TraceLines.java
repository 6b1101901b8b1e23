package dev.fireflyauth.cli;

import dev.fireflyauth.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders {@code FireflyAuth.explain()} as the one-line-per-source table of {@code firefly-auth sources}. */
final class TraceLines {
  private TraceLines() {}

  static List<String> render(List<TraceEntry> trace) {
    List<String> lines = new ArrayList<>();
    for (TraceEntry e : trace) {
      String stage = switch (e.stage()) {
        case CREDENTIALS -> "source";
        case TOKEN -> "token";
        case STORE -> "store";
      };
      String outcome = e.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      StringBuilder sb = new StringBuilder(String.format("%-6s %-14s %-14s %s", stage, e.name(), outcome, e.reason()));
      if (e.origin() != null) {
        sb.append("  [").append(e.origin()).append(']');
      }
      for (String note : e.notes()) {
        sb.append("  (").append(note).append(')');
      }
      lines.add(sb.toString());
    }
    return lines;
  }
}

package dev.fireflyauth.internal;

import dev.fireflyauth.TraceEntry;
import java.util.ArrayList;
import java.util.List;

/** Collects {@link TraceEntry trace entries} for one resolution; not thread-safe (one resolution, one thread). */
final class Trace {
  private final List<TraceEntry> entries = new ArrayList<>();

  void add(TraceEntry e) {
    entries.add(e);
  }

  void addAll(List<TraceEntry> es) {
    entries.addAll(es);
  }

  List<TraceEntry> entries() {
    return List.copyOf(entries);
  }

  /** "env: skipped - …; file: skipped - …" for error messages. */
  String summary() {
    StringBuilder sb = new StringBuilder();
    for (TraceEntry e : entries) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(e.name()).append(": ").append(e.reason());
    }
    return sb.toString();
  }
}

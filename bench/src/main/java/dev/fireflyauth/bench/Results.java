package dev.fireflyauth.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario's figures: one ordered map of metrics per contender plus notes, in the shape written to the
 * results JSON.
 *
 * <p>Why it exists: scenarios produce heterogeneous metrics; keeping them as named values in run order lets the
 * report print any scenario without knowing its fields.
 */
final class Results {
  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> peers = new LinkedHashMap<>();

  Results(String title, String setup) {
    root.put("title", title);
    root.put("setup", setup);
    root.put("peers", peers);
  }

  /** Records {@code value} for {@code metric} of {@code peer}, in insertion order. */
  Results put(Peer peer, String metric, Object value) {
    peers.computeIfAbsent(peer.id, k -> new LinkedHashMap<>()).put(metric, value);
    return this;
  }

  /** A scenario-level value (not tied to a peer). */
  Results note(String key, Object value) {
    root.put(key, value);
    return this;
  }

  Map<String, Object> asMap() {
    return root;
  }
}

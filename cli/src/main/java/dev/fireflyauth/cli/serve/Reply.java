package dev.fireflyauth.cli.serve;

import dev.fireflyauth.spi.support.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of the agent: status, content type, body and any extra headers. Immutable.
 *
 * <p>Why it exists: endpoints build answers without touching the exchange, so the router alone writes them, with
 * the headers every answer carries ({@code Cache-Control: no-store}: a token must never sit in a cache).
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json; charset=utf-8";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  /** {@code fields} as a JSON object, in their order. */
  static Reply json(int status, Map<String, ?> fields) {
    return new Reply(status, JSON, JsonWriter.write(fields).getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A JSON object of text fields, given as key, value, key, value…, in that order. */
  static Reply json(int status, String... keysAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      fields.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return json(status, fields);
  }

  /** {@code {"error": error}}: what went wrong, without detail. */
  static Reply error(int status, String error) {
    return json(status, "error", error);
  }

  static Reply text(int status, String contentType, String text) {
    return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** This answer with one more header. */
  Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, body, Map.copyOf(h));
  }

  /** Status and size, never the body: it may hold a token. */
  @Override
  public String toString() {
    return "Reply{" + status + ", " + contentType + ", " + body.length + " bytes}";
  }
}

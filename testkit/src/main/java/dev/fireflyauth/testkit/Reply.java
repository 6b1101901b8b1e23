package dev.fireflyauth.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of the emulator: status, extra headers and a JSON body.
 *
 * <p>Why it exists: it separates deciding what IMS would answer ({@link ClientCredentialsGrant},
 * {@link TokenEndpoint}) from writing it to the wire, so every answer gets the same headers. Immutable.
 */
record Reply(int status, String error, String json, Map<String, String> headers) {

  Reply {
    headers = Map.copyOf(headers);
  }

  /** A 200 with {@code json}. */
  static Reply ok(String json) {
    return new Reply(200, "", json, Map.of());
  }

  /** An error in IMS's shape: {@code {"error":code,"error_description":description}}. */
  static Reply error(int status, String code, String description) {
    return new Reply(status, code, Json.object("error", code, "error_description", description), Map.of());
  }

  /** This reply with one more header. */
  Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, error, json, h);
  }
}

package dev.fireflyauth.ims;

import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.support.HttpReply;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.PeerText;
import dev.fireflyauth.spi.support.StrictJson;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What IMS answered to one POST, as the parser (success) and the classifier (errors) read it: the top-level
 * JSON fields, and descriptions of the body and of the reply for messages.
 *
 * <p>Why it exists: both need the same view of the reply and the same message prefix naming the endpoint,
 * status and {@code x-debug-id}. The body is only ever described in messages, never quoted: on success it holds
 * the token. Header values are peer text: cleaned of secrets and control characters before they are shown.
 */
final class ImsReply {
  /** Bodies larger than this are refused unread. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpReply http;
  private final Collection<Secret> secrets;
  private final Object json; // Map, another JSON value, or a JsonProblem / null when not JSON
  private final JsonProblem problem;

  /** @param secrets the secrets that were sent, to be stripped from any text the reply echoes */
  ImsReply(HttpReply http, Collection<Secret> secrets) {
    this.http = http;
    this.secrets = secrets;
    Object parsed = null;
    JsonProblem p = null;
    if (!http.tooLarge() && http.body().length > 0) {
      Optional<String> text = http.text();
      if (text.isPresent()) {
        try {
          parsed = StrictJson.parse(text.get());
        } catch (JsonProblem e) {
          p = e;
        }
      }
    }
    this.json = parsed;
    this.problem = p;
  }

  int status() {
    return http.status();
  }

  /** Header {@code name}, cleaned of secrets and control characters and cut to a sane length. */
  Optional<String> header(String name) {
    return http.header(name).map(v -> PeerText.clean(v, secrets));
  }

  /** Header {@code name} as sent, for values we parse (Retry-After), never for messages. */
  Optional<String> rawHeader(String name) {
    return http.header(name);
  }

  /** The top-level fields of the body; empty when it is too large, empty, not JSON, or not an object. */
  @SuppressWarnings("unchecked")
  Optional<Map<String, Object>> jsonObject() {
    return json instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
  }

  /** A text field of the JSON body, cleaned as peer text; empty string when absent or not a string. */
  String text(String field) {
    Object v = jsonObject().map(m -> m.get(field)).orElse(null);
    return v instanceof String s ? PeerText.clean(s, secrets) : "";
  }

  /** What the body is, for messages, without quoting it: "an empty body", "a text/html body of 312 bytes that is not valid JSON: …". */
  String describeBody() {
    if (http.tooLarge()) {
      return "a body larger than " + (MAX_BODY_BYTES / 1024) + " KiB (refused unread)";
    }
    if (http.body().length == 0) {
      return "an empty body";
    }
    String type = header("content-type").map(t -> " (" + t + ")").orElse("");
    String subject = "a body of " + http.body().length + " bytes" + type + " that";
    if (http.text().isEmpty()) {
      return subject + " is not UTF-8 text";
    }
    if (problem != null) {
      return problem.describe(subject);
    }
    return json instanceof Map ? "a JSON object" : subject + " is JSON but not an object";
  }

  /** "IMS token endpoint https://… answered HTTP 400 (x-debug-id abc)": the start of every message about this reply. */
  String describe() {
    return "IMS token endpoint " + http.uri() + " answered HTTP " + status()
        + header("x-debug-id").filter(id -> !id.isEmpty()).map(id -> " (x-debug-id " + id + ")").orElse("");
  }

  /** A JSON value as messages show it: only kinds and numbers, never a string's content. */
  static String show(Object value) {
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof java.util.List) {
      return "an array";
    }
    return String.valueOf(value);
  }
}

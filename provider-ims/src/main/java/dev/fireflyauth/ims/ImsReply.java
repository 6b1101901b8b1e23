package dev.fireflyauth.ims;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/**
 * What IMS answered to one POST: status, the few headers we use, and the body (or the fact that it was too
 * large to read).
 *
 * <p>Why it exists: the parser (success) and the classifier (errors) both need the same view of the reply and
 * the same message prefix naming the endpoint, status and {@code x-debug-id}. The body is only ever described
 * in messages, never quoted: on success it holds the token. Immutable.
 */
final class ImsReply {
  /** Bodies larger than this are refused unread. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final URI endpoint;
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final boolean tooLarge;

  ImsReply(URI endpoint, int status, HttpHeaders headers, byte[] body, boolean tooLarge) {
    this.endpoint = endpoint;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.tooLarge = tooLarge;
  }

  int status() {
    return status;
  }

  boolean tooLarge() {
    return tooLarge;
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The top-level fields of the body; empty when it is too large, empty, not JSON, or not an object. */
  Optional<Map<String, Object>> jsonObject() {
    if (tooLarge || body.length == 0) {
      return Optional.empty();
    }
    try {
      return JsonObjectReader.read(body);
    } catch (java.io.IOException e) {
      // Jackson's message may quote the body (and so the token): it is dropped on purpose.
      return Optional.empty();
    }
  }

  /** What the body is, for messages, without quoting it: "an empty body", "a text/html body of 312 bytes that is not JSON". */
  String describeBody() {
    if (tooLarge) {
      return "a body larger than " + (MAX_BODY_BYTES / 1024) + " KiB (refused unread)";
    }
    if (body.length == 0) {
      return "an empty body";
    }
    String type = header("content-type").map(t -> t + " ").orElse("");
    try {
      return JsonObjectReader.read(body).isPresent()
          ? "a JSON object"
          : "a " + type + "body of " + body.length + " bytes that is JSON but not an object";
    } catch (JsonProcessingException e) {
      // Parser limits (a 1,500-digit number, deep nesting) are reported without a location.
      JsonLocation at = e.getLocation();
      return "a " + type + "body of " + body.length + " bytes that is not valid JSON ("
          + (at == null ? "beyond the parser's limits" : "broken at line " + at.getLineNr() + ", column "
              + at.getColumnNr()) + ")";
    } catch (java.io.IOException e) {
      return "a " + type + "body of " + body.length + " bytes that could not be read";
    }
  }

  /** "IMS token endpoint https://… answered HTTP 400 (x-debug-id abc)": the start of every message about this reply. */
  String describe() {
    return "IMS token endpoint " + endpoint + " answered HTTP " + status
        + header("x-debug-id").map(id -> " (x-debug-id " + id + ")").orElse("");
  }
}

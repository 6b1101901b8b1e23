package dev.fireflyauth.ims;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the top-level fields of a JSON object with jackson-core's streaming parser.
 *
 * <p>Why it exists: IMS replies are flat objects of a few fields, and the CLI pays for every class it loads at
 * start-up. The streaming parser starts in a tenth of the time of Jackson's {@code ObjectMapper} (about 40 ms
 * against 270 ms cold on the build machines), which is most of what {@code firefly-auth token} costs above a
 * bare HTTP call. Values: {@link String}, {@link java.math.BigInteger}, {@link java.math.BigDecimal},
 * {@link Boolean}, or {@link Nested} for an object or array; a JSON {@code null} is left out. Thread-safe.
 */
final class JsonObjectReader {
  /** A nested value, kept only as its kind: IMS fields we read are never nested. */
  enum Nested {
    OBJECT,
    ARRAY
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonObjectReader() {}

  /**
   * The fields of {@code body}, or empty when it is valid JSON but not an object.
   *
   * @throws IOException when it is not valid JSON; {@link com.fasterxml.jackson.core.JsonProcessingException}
   *     carries the location. Its message may quote the body: never pass it on.
   */
  static Optional<Map<String, Object>> read(byte[] body) throws IOException {
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        skipRest(p, first);
        return Optional.empty();
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        Object value = value(p, p.nextToken());
        if (value != null) {
          fields.put(name, value);
        } else {
          fields.remove(name);
        }
      }
      return Optional.of(fields);
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getBigIntegerValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return p.getBooleanValue();
      case START_OBJECT:
        p.skipChildren();
        return Nested.OBJECT;
      case START_ARRAY:
        p.skipChildren();
        return Nested.ARRAY;
      default:
        return null;
    }
  }

  /** Reads a non-object document to its end so that a syntax error in it is still reported. */
  private static void skipRest(JsonParser p, JsonToken first) throws IOException {
    if (first == JsonToken.START_ARRAY) {
      p.skipChildren();
    }
  }

  /** A value as messages show it: strings quoted, others as written. Never used for the token itself. */
  static String show(Object value) {
    if (value instanceof String) {
      return "\"" + value + "\"";
    }
    if (value instanceof Nested) {
      return value == Nested.OBJECT ? "an object" : "an array";
    }
    return String.valueOf(value);
  }
}

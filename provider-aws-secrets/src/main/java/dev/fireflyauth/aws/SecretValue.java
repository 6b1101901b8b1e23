package dev.fireflyauth.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A secret's value as Secrets Manager returned it: its JSON fields, and whether it was stored as
 * {@code SecretBinary} (a write-back stores the new version the same way).
 *
 * <p>Holds client secrets: {@link #toString()} shows the field names only.
 *
 * @param fields the top-level fields of the JSON object, in their order
 * @param binary true when the value was {@code SecretBinary}, false for {@code SecretString}
 */
record SecretValue(Map<String, Object> fields, boolean binary) {
  SecretValue {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // keeps the order; JSON nulls allowed
  }

  @Override
  public String toString() {
    return "SecretValue{fields=" + fields.keySet() + (binary ? ", binary" : "") + '}';
  }
}

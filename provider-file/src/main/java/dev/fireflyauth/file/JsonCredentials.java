package dev.fireflyauth.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.spi.CredentialFields;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON formats: plain {@code {"client_id", "client_secret" | "client_secrets", "scopes", "org_id"}},
 * the same with named {@code "profiles"}, and (handed on to {@link ConsoleProject}) the project file Adobe
 * Developer Console downloads.
 *
 * <p>Why it exists: JSON is the format people write by hand, so its errors must point at a line and column;
 * Jackson's own messages quote input tokens (which may be the secret), so only its location is used and the
 * Jackson exception is deliberately not attached as a cause.
 */
final class JsonCredentials {
  static final String PROFILES = "profiles";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonCredentials() {}

  static ClientCredentials read(String text, FileRequest request) {
    Object root = parse(text, request);
    if (!(root instanceof Map)) {
      throw request.broken("must hold a JSON object {...}, found " + CredentialFields.describeType(root));
    }
    Map<String, Object> map = asMap(root);
    if (ConsoleProject.matches(map)) {
      return ConsoleProject.read(map, request);
    }
    if (map.containsKey(PROFILES)) {
      return fromProfiles(map.get(PROFILES), request);
    }
    request.requireDefaultProfile("a JSON file without a \"" + PROFILES + "\" object");
    return request.credentials(map, false);
  }

  private static ClientCredentials fromProfiles(Object profiles, FileRequest request) {
    if (!(profiles instanceof Map)) {
      throw request.broken("\"" + PROFILES + "\" must be an object of named profiles, found " + CredentialFields.describeType(profiles));
    }
    Map<String, Object> byName = asMap(profiles);
    Object selected = byName.get(request.profile());
    if (selected == null) {
      throw request.broken("profile '" + request.profile() + "' (" + request.profileFrom() + ") is not in the file; "
          + (byName.isEmpty() ? "it has no profiles" : "its profiles are: " + String.join(", ", byName.keySet())));
    }
    if (!(selected instanceof Map)) {
      throw request.broken("profile '" + request.profile() + "' must be a JSON object, found " + CredentialFields.describeType(selected));
    }
    return request.credentials(asMap(selected), true);
  }

  private static Object parse(String text, FileRequest request) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      String what = e instanceof JsonEOFException ? "invalid JSON: unexpected end of input" : "invalid JSON";
      JsonLocation at = e.getLocation();
      if (at == null || at.getLineNr() < 1) {
        throw request.broken(what);
      }
      throw request.broken(what, at.getLineNr(), at.getColumnNr());
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}

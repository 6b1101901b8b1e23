package dev.fireflyauth.aws;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fireflyauth.CredentialSourceException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads the secret's value, {@code SecretString} or UTF-8 {@code SecretBinary}, as a JSON object of fields.
 *
 * <p>Why it exists: a malformed secret must be reported without echoing it. Jackson's messages quote the
 * offending token (part of a client secret, perhaps), so errors here give only the line and column and never
 * keep Jackson's exception as a cause.
 */
final class SecretJson {
  /** The same strictness as credentials files: a duplicated key or trailing text is an error, not a guess. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private SecretJson() {}

  /**
   * The top-level fields of the secret's JSON object.
   *
   * @param where the secret as messages name it
   * @throws CredentialSourceException when the value is missing, not UTF-8, not JSON or not an object
   */
  static Map<String, Object> fields(GetSecretValueResponse response, String where) {
    if (response.secretString() != null) {
      return parse(response.secretString(), where, "SecretString");
    }
    if (response.secretBinary() != null) {
      return parse(utf8(response.secretBinary().asByteBuffer(), where), where, "SecretBinary");
    }
    throw broken(where + " has neither SecretString nor SecretBinary");
  }

  private static String utf8(ByteBuffer bytes, String where) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw broken(where + ": SecretBinary is not UTF-8 text; it must hold the credentials JSON");
    }
  }

  private static Map<String, Object> parse(String text, String where, String field) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String position = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw broken(where + ": " + field + " is not valid JSON" + position + expected());
    }
    if (node == null || !node.isObject()) {
      String found = node == null || node.isMissingNode() ? "nothing" : "a JSON " + node.getNodeType()
          .name().toLowerCase(java.util.Locale.ROOT);
      throw broken(where + ": " + field + " must be a JSON object, found " + found + expected());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = MAPPER.convertValue(node, Map.class);
    return fields;
  }

  private static String expected() {
    return "; expected {\"client_id\": \"…\", \"client_secret\": \"…\"}";
  }

  private static CredentialSourceException broken(String message) {
    return new CredentialSourceException(AwsSecretsCredentialSource.NAME, message);
  }
}

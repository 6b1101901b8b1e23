package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.JsonWriter;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.spi.support.Utf8;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads the secret's value, {@code SecretString} or UTF-8 {@code SecretBinary}, as a JSON object of fields,
 * and writes it back with new client secrets.
 *
 * <p>Why it exists: a malformed secret must be reported without echoing it, in the one wording every JSON
 * reader of this library uses ({@link JsonProblem#describe}); and a write-back must change the client secrets
 * only, keeping every other field and the field order.
 */
final class SecretJson {
  /** The environment-style single secret, beside which the previous one lives in its own field. */
  static final String ENV_SECRET = "FIREFLY_SERVICES_CLIENT_SECRET";

  private SecretJson() {}

  /**
   * The secret's value.
   *
   * @param where the secret as messages name it: {@code secret prod/firefly (us-east-1, AWSCURRENT)}
   * @throws CredentialSourceException when the value is missing, not UTF-8, not JSON or not an object
   */
  static SecretValue read(GetSecretValueResponse response, String where) {
    if (response.secretString() != null) {
      return new SecretValue(object(response.secretString(), where + " SecretString"), false);
    }
    if (response.secretBinary() != null) {
      String text = Utf8.decode(response.secretBinary().asByteArray()).orElseThrow(() -> broken(
          where + " SecretBinary is not UTF-8 text; it must hold the credentials JSON"));
      return new SecretValue(object(text, where + " SecretBinary"), true);
    }
    throw broken(where + " has neither SecretString nor SecretBinary");
  }

  private static Map<String, Object> object(String text, String subject) {
    Object value;
    try {
      value = StrictJson.parse(text);
    } catch (JsonProblem p) {
      throw broken(p.describe(subject));
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw broken(subject + " must be a JSON object, found " + CredentialFields.describeType(value)
          + "; expected {\"client_id\": \"…\", \"client_secret\": \"…\"}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) map;
    return fields;
  }

  /**
   * {@code fields} as JSON with {@code live} (newest first) as the client secrets and every other field kept
   * in place: {@code client_secrets: [newest, …]} where the secret was (a single {@code secretField} becomes
   * that array); in the environment-style layout ({@value #ENV_SECRET}) the newest stays in that field and
   * the previous one goes to {@link CredentialFields#CLIENT_SECRET_PREVIOUS}, as in a dotenv file.
   */
  static String withSecrets(Map<String, Object> fields, String secretField, List<Secret> live) {
    boolean envStyle = !fields.containsKey(CredentialFields.CLIENT_SECRETS)
        && !fields.containsKey(secretField) && fields.containsKey(ENV_SECRET);
    Set<String> replaced = Set.of(CredentialFields.CLIENT_SECRETS, secretField, ENV_SECRET,
        CredentialFields.CLIENT_SECRET_PREVIOUS);
    Map<String, Object> out = new LinkedHashMap<>();
    boolean placed = false;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!replaced.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      } else if (!placed) {
        putSecrets(out, envStyle, live);
        placed = true;
      }
    }
    if (!placed) {
      putSecrets(out, envStyle, live);
    }
    return JsonWriter.write(out);
  }

  private static void putSecrets(Map<String, Object> out, boolean envStyle, List<Secret> live) {
    if (envStyle) {
      out.put(ENV_SECRET, live.get(0).reveal());
      if (live.size() > 1) {
        out.put(CredentialFields.CLIENT_SECRET_PREVIOUS, live.get(1).reveal());
      }
      return;
    }
    List<String> values = new ArrayList<>();
    for (Secret s : live) {
      values.add(s.reveal());
    }
    out.put(CredentialFields.CLIENT_SECRETS, values);
  }

  private static CredentialSourceException broken(String message) {
    return new CredentialSourceException(AwsSecretsCredentialSource.NAME, message);
  }
}

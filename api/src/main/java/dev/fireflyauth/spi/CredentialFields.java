package dev.fireflyauth.spi;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a flat map of credential fields (parsed JSON, a dotenv file, a secret store value) into
 * {@link ClientCredentials}, with one set of rules and one set of error messages for every source.
 *
 * <p>Why it exists: the file source and the AWS Secrets Manager source read the same shape
 * ({@code client_id}, {@code client_secret} or {@code client_secrets}, {@code scopes}, {@code org_id}, or the
 * {@code FIREFLY_SERVICES_*} names). Parsing the text is each source's job (with {@link dev.fireflyauth.spi.support.StrictJson}); mapping the
 * fields lives here once, JDK only.
 *
 * <p>Values are strings, or lists of strings for {@code client_secrets} and {@code scopes} (a scopes string
 * is comma-separated). Error messages name the field and {@code where}, never a secret value.
 * Immutable and thread-safe.
 */
public final class CredentialFields {
  /** The client ID field. */
  public static final String CLIENT_ID = "client_id";
  /** One client secret. */
  public static final String CLIENT_SECRET = "client_secret";
  /** Several client secrets, newest first. */
  public static final String CLIENT_SECRETS = "client_secrets";
  /** Scopes, a comma-separated string or a list. */
  public static final String SCOPES = "scopes";
  /** IMS organisation ID. */
  public static final String ORG_ID = "org_id";
  /** The previous secret next to a single {@code client_secret} (a dotenv file after a rotation). */
  public static final String CLIENT_SECRET_PREVIOUS = "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS";

  private static final CredentialFields DEFAULT = new CredentialFields(CLIENT_ID, CLIENT_SECRET);

  private final String idKey;
  private final String secretKey;

  private CredentialFields(String idKey, String secretKey) {
    this.idKey = Objects.requireNonNull(idKey, "idKey");
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
  }

  /** The standard field names, also accepting the {@code FIREFLY_SERVICES_*} spellings. */
  public static CredentialFields standard() {
    return DEFAULT;
  }

  /** Custom names for the client ID and secret fields (e.g. a secret store's existing layout). */
  public static CredentialFields withKeys(String idKey, String secretKey) {
    return new CredentialFields(idKey, secretKey);
  }

  /** The name looked up for the client ID. */
  public String idKey() {
    return idKey;
  }

  /** The name looked up for the client secret. */
  public String secretKey() {
    return secretKey;
  }

  /**
   * Maps {@code fields} to credentials.
   *
   * @param source the source name for the exception, e.g. {@code file}
   * @param where where the fields were read, for messages, e.g. {@code file /etc/x.json [profile prod]}
   * @param origin the {@link ClientCredentials#origin()} to record
   * @throws CredentialSourceException naming the missing or malformed field and {@code where}
   */
  public ClientCredentials toCredentials(Map<String, ?> fields, String source, String where, String origin) {
    String id = string(fields, source, where, idKey, "FIREFLY_SERVICES_CLIENT_ID");
    if (id == null) {
      throw new CredentialSourceException(
          source, where + ": missing '" + idKey + "' (the client ID" + alsoRead("FIREFLY_SERVICES_CLIENT_ID") + ")");
    }
    if (dev.fireflyauth.spi.support.HeaderValues.hasControlCharacter(id)) {
      throw new CredentialSourceException(source, where + ": the client ID contains a control character (a line"
          + " break?); it is sent as the x-api-key header and must not");
    }
    List<Secret> secrets = secrets(fields, source, where);
    ClientCredentials.Builder b =
        ClientCredentials.builder().clientId(id).secrets(secrets).origin(origin);
    Object scopes = first(fields, SCOPES, "FIREFLY_SERVICES_SCOPES");
    if (scopes instanceof String) {
      b.scopes((String) scopes);
    } else if (scopes instanceof List) {
      b.scopes(stringList((List<?>) scopes, source, where, SCOPES));
    } else if (scopes != null) {
      throw wrongType(source, where, SCOPES, scopes, "a comma-separated string or a list of strings");
    }
    b.orgId(string(fields, source, where, ORG_ID, "FIREFLY_SERVICES_ORG_ID"));
    return b.build();
  }

  private List<Secret> secrets(Map<String, ?> fields, String source, String where) {
    Object list = fields.get(CLIENT_SECRETS);
    if (list != null) {
      if (!(list instanceof List)) {
        throw wrongType(source, where, CLIENT_SECRETS, list, "a list of strings, newest first");
      }
      List<Secret> out = new ArrayList<>();
      for (String s : stringList((List<?>) list, source, where, CLIENT_SECRETS)) {
        if (!s.isBlank()) {
          out.add(Secret.of(s.trim()));
        }
      }
      if (out.isEmpty()) {
        throw new CredentialSourceException(source, where + ": '" + CLIENT_SECRETS + "' is empty");
      }
      return out;
    }
    String one = string(fields, source, where, secretKey, "FIREFLY_SERVICES_CLIENT_SECRET");
    if (one == null) {
      throw new CredentialSourceException(
          source, where + ": missing '" + secretKey + "' or '" + CLIENT_SECRETS + "' (the client secret"
              + alsoRead("FIREFLY_SERVICES_CLIENT_SECRET") + ")");
    }
    String previous = string(fields, source, where, CLIENT_SECRET_PREVIOUS, CLIENT_SECRET_PREVIOUS);
    return previous == null || previous.equals(one)
        ? List.of(Secret.of(one))
        : List.of(Secret.of(one), Secret.of(previous));
  }

  /** The other name the field is looked up under, for "missing" messages. */
  private static String alsoRead(String alias) {
    return "; also read as '" + alias + "'";
  }

  private static Object first(Map<String, ?> fields, String key, String alias) {
    Object v = fields.get(key);
    return v != null ? v : fields.get(alias);
  }

  private static String string(Map<String, ?> fields, String source, String where, String key, String alias) {
    String name = fields.get(key) != null ? key : alias;
    Object v = fields.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String)) {
      throw wrongType(source, where, name, v, "a string");
    }
    String s = ((String) v).trim();
    return s.isEmpty() ? null : s;
  }

  private static List<String> stringList(List<?> list, String source, String where, String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String)) {
        throw new CredentialSourceException(
            source, where + ": '" + key + "' must hold only strings, found " + describeType(o));
      }
      out.add((String) o);
    }
    return out;
  }

  private static CredentialSourceException wrongType(
      String source, String where, String key, Object value, String expected) {
    return new CredentialSourceException(
        source, where + ": '" + key + "' must be " + expected + ", found " + describeType(value));
  }

  /**
   * What kind of JSON value {@code o} is, for error messages ("an array", "a number"): sources describe what
   * they found without ever quoting the value, which may be a secret.
   */
  public static String describeType(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Map) {
      return "an object";
    }
    if (o instanceof List) {
      return "an array";
    }
    if (o instanceof String) {
      return "a string";
    }
    if (o instanceof Boolean) {
      return "a boolean";
    }
    if (o instanceof Number) {
      return "a number";
    }
    return "a " + o.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "CredentialFields{idKey=" + idKey + ", secretKey=" + secretKey + '}';
  }
}

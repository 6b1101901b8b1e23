package dev.fireflyauth;

import java.util.Objects;

/**
 * One named setting, readable as a Java system property or an environment variable.
 *
 * <p>Why it exists: every source and provider reads settings the same way and every error names the setting
 * the same way. The names below are a public contract that users' scripts rely on; a provider with settings
 * of its own creates them with {@link #of(String, String)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Setting {
  /** A locator, or several comma-separated, replacing the default chain. */
  public static final Setting CREDENTIALS = of("firefly.credentials", "FIREFLY_CREDENTIALS");
  /** Client ID (API key). */
  public static final Setting CLIENT_ID = of("firefly.services.client.id", "FIREFLY_SERVICES_CLIENT_ID");
  /** Client secret. */
  public static final Setting CLIENT_SECRET = of("firefly.services.client.secret", "FIREFLY_SERVICES_CLIENT_SECRET");
  /** The previous client secret, still live during a rotation: tried after {@link #CLIENT_SECRET}. */
  public static final Setting CLIENT_SECRET_PREVIOUS =
      of("firefly.services.client.secret.previous", "FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS");
  /** Comma-separated scopes. */
  public static final Setting SCOPES = of("firefly.services.scopes", "FIREFLY_SERVICES_SCOPES");
  /** A ready-made access token, used as is. */
  public static final Setting ACCESS_TOKEN = of("firefly.services.access.token", "FIREFLY_SERVICES_ACCESS_TOKEN");
  /** Credentials file or directory. */
  public static final Setting CREDENTIALS_FILE = of("firefly.credentials.file", "FIREFLY_CREDENTIALS_FILE");
  /** Profile inside a credentials file. */
  public static final Setting PROFILE = of("firefly.profile", "FIREFLY_PROFILE");
  /** {@code true}: refuse credentials files readable by group or others. */
  public static final Setting FILE_STRICT = of("firefly.file.strict", "FIREFLY_FILE_STRICT");
  /** AWS Secrets Manager secret name or ARN. */
  public static final Setting AWS_SECRET_ID = of("firefly.aws.secret.id", "FIREFLY_AWS_SECRET_ID");
  /** AWS region. */
  public static final Setting AWS_REGION = of("firefly.aws.region", "FIREFLY_AWS_REGION");
  /** AWS endpoint override. */
  public static final Setting AWS_ENDPOINT = of("firefly.aws.endpoint", "FIREFLY_AWS_ENDPOINT");
  /** IMS token endpoint. */
  public static final Setting IMS_URL = of("firefly.ims.url", "FIREFLY_IMS_URL");
  /** Where tokens outlive the process: {@code none}, {@code file}, {@code file:/dir}, {@code redis://…}. */
  public static final Setting TOKEN_STORE = of("firefly.token.store", "FIREFLY_TOKEN_STORE");

  private final String property;
  private final String env;

  private Setting(String property, String env) {
    this.property = Objects.requireNonNull(property, "property");
    this.env = Objects.requireNonNull(env, "env");
  }

  /** A setting read from system property {@code property}, else environment variable {@code env}. */
  public static Setting of(String property, String env) {
    return new Setting(property, env);
  }

  /** The Java system property name, e.g. {@code firefly.services.client.id}. */
  public String property() {
    return property;
  }

  /** The environment variable name, e.g. {@code FIREFLY_SERVICES_CLIENT_ID}. */
  public String env() {
    return env;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Setting && property.equals(((Setting) o).property) && env.equals(((Setting) o).env);
  }

  @Override
  public int hashCode() {
    return property.hashCode() * 31 + env.hashCode();
  }

  /** Both names, as error messages show them: {@code FIREFLY_SERVICES_CLIENT_ID / firefly.services.client.id}. */
  @Override
  public String toString() {
    return env + " / " + property;
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.SourceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Which secret to read, where and how: the locator and settings of one {@code load}, validated once.
 *
 * <p>Also the cache key: two loads with equal locations share one cached value and one in-flight request.
 * Region and endpoint are null when the SDK's defaults apply; stage is null when a version ID is given
 * without a stage (AWS then requires none). Holds no secret, so {@code toString()} is safe.
 */
record SecretLocation(
    String secretId,
    String region,
    URI endpoint,
    String stage,
    String versionId,
    String idKey,
    String secretKey,
    Duration ttl) {

  /** How long loaded credentials are kept; a module setting of this source. */
  static final Setting CACHE_TTL = Setting.of("firefly.aws.cache.ttl", "FIREFLY_AWS_CACHE_TTL");

  static final Duration DEFAULT_TTL = Duration.ofHours(1);
  static final Duration MAX_TTL = Duration.ofDays(30);
  static final String DEFAULT_STAGE = "AWSCURRENT";
  static final List<String> PARAMS = List.of("region", "stage", "version", "idKey", "secretKey", "ttl");

  private static final String NAME = AwsSecretsCredentialSource.NAME;

  /**
   * Reads the location from the locator (when one selected this source) and the settings.
   *
   * @return empty when no secret is named anywhere: the source is not configured here
   * @throws CredentialSourceException naming the locator parameter or setting that is malformed
   */
  static Optional<SecretLocation> read(SourceContext context) {
    Settings settings = context.settings();
    Optional<Locator> locator = context.locator();
    locator.ifPresent(SecretLocation::checkParams);
    Optional<String> secretId =
        locator.map(Locator::part).filter(p -> !p.isBlank()).map(String::trim)
            .or(() -> settings.value(Setting.AWS_SECRET_ID));
    if (secretId.isEmpty()) {
      if (locator.isPresent()) {
        throw new CredentialSourceException(NAME, "locator '" + locator.get() + "' names no secret: write "
            + "firefly:aws-secrets:<secret name or ARN>, or set " + Setting.AWS_SECRET_ID);
      }
      return Optional.empty();
    }
    String id = secretId.get();
    // An ARN names the secret's region: an ambient FIREFLY_AWS_REGION must not send it elsewhere.
    String fromArn = arnRegion(id);
    Optional<String> fromLocator = param(locator, "region").map(r -> region(r, where(locator.get(), "region")));
    if (fromArn != null) {
      region(fromArn, "the region in ARN " + id);
      if (fromLocator.isPresent() && !fromLocator.get().equals(fromArn)) {
        throw new CredentialSourceException(NAME, where(locator.get(), "region") + " is " + fromLocator.get()
            + " but the secret's ARN is in " + fromArn + ": drop ?region= or fix the ARN");
      }
    }
    String region = fromLocator
        .or(() -> Optional.ofNullable(fromArn))
        .or(() -> settings.get(Setting.AWS_REGION).map(v -> region(v.value(), v.where())))
        .orElse(null);
    URI endpoint = settings.get(Setting.AWS_ENDPOINT).map(SecretLocation::endpoint).orElse(null);
    String version = param(locator, "version").orElse(null);
    String stage = param(locator, "stage").orElse(version == null ? DEFAULT_STAGE : null);
    Duration ttl = param(locator, "ttl")
        .map(t -> ttl(t, where(locator.get(), "ttl")))
        .or(() -> settings.get(CACHE_TTL).map(v -> ttl(v.value(), v.where())))
        .orElse(DEFAULT_TTL);
    CredentialFields standard = CredentialFields.standard();
    return Optional.of(new SecretLocation(
        id,
        region,
        endpoint,
        stage,
        version,
        param(locator, "idKey").orElse(standard.idKey()),
        param(locator, "secretKey").orElse(standard.secretKey()),
        ttl));
  }

  /** The mapper from the secret's JSON fields to credentials, with this location's key names. */
  CredentialFields fields() {
    return CredentialFields.withKeys(idKey, secretKey);
  }

  /** {@code prod/firefly (us-east-1, AWSCURRENT)}: the secret as messages and the origin show it. */
  String describe(String resolvedRegion) {
    StringBuilder sb = new StringBuilder(secretId).append(" (").append(resolvedRegion);
    if (stage != null) {
      sb.append(", ").append(stage);
    }
    if (versionId != null) {
      sb.append(", version ").append(versionId);
    }
    return sb.append(')').toString();
  }

  private static void checkParams(Locator locator) {
    for (String p : locator.params().keySet()) {
      if (!PARAMS.contains(p)) {
        throw new CredentialSourceException(NAME, "locator '" + locator + "': unknown parameter '" + p
            + "'; the aws-secrets source knows: " + String.join(", ", PARAMS));
      }
      if (locator.params().get(p).isBlank()) {
        throw new CredentialSourceException(NAME, "locator '" + locator + "': parameter '" + p + "' is empty");
      }
    }
  }

  private static Optional<String> param(Optional<Locator> locator, String name) {
    return locator.flatMap(l -> l.param(name)).map(String::trim);
  }

  private static String where(Locator locator, String param) {
    return "parameter '" + param + "' of locator '" + locator + "'";
  }

  private static String region(String value, String where) {
    if (!value.matches("[a-z0-9]+(-[a-z0-9]+)+")) {
      throw new CredentialSourceException(
          NAME, where + " must be an AWS region such as us-east-1, was '" + value + "'");
    }
    return value;
  }

  /** The region inside {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>}, else null. */
  private static String arnRegion(String secretId) {
    String[] parts = secretId.split(":", 6);
    if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("secretsmanager") && !parts[3].isEmpty()) {
      return parts[3];
    }
    return null;
  }

  private static URI endpoint(Settings.Value v) {
    String why = " must be an absolute http or https URL such as https://vpce-123.secretsmanager.us-east-1"
        + ".vpce.amazonaws.com, was '" + v.value() + "'";
    URI uri;
    try {
      uri = new URI(v.value());
    } catch (URISyntaxException e) {
      throw new CredentialSourceException(NAME, v.where() + why);
    }
    String scheme = uri.getScheme();
    if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
      throw new CredentialSourceException(NAME, v.where() + why);
    }
    return uri;
  }

  private static Duration ttl(String value, String where) {
    Duration d = Settings.parseDuration(value).orElseThrow(() -> new CredentialSourceException(
        NAME, where + " must be a duration in seconds (1800) or ISO-8601 (PT30M), was '" + value + "'"));
    if (d.isNegative() || d.compareTo(MAX_TTL) > 0) {
      throw new CredentialSourceException(
          NAME, where + " must be between PT0S and " + MAX_TTL + ", was '" + value + "'");
    }
    return d;
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.spi.support.Endpoints;
import dev.fireflyauth.spi.support.LocatorParams;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which secret to read, where and how: the locator, the settings and the builder's values of one {@code load},
 * validated once.
 *
 * <p>Also the cache key: two loads with equal locations share one cached value and one in-flight request.
 * Region and endpoint are null when the SDK's defaults apply; stage is null when a version ID is given
 * without a stage (AWS then requires none). Holds no secret, so {@code toString()} is safe. {@code equals} and
 * {@code hashCode} are written out: a record's generated {@code equals} keeps its class loader reachable from a
 * JDK-wide method-handle cache, which would pin a web app's loader after undeploy.
 *
 * @param idField the JSON field holding the client ID
 * @param secretField the JSON field holding a single client secret
 */
record SecretLocation(
    String secretId,
    String region,
    URI endpoint,
    String stage,
    String versionId,
    String idField,
    String secretField,
    Duration ttl,
    CallTimeouts timeouts) {

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretLocation l
        && Objects.equals(secretId, l.secretId) && Objects.equals(region, l.region)
        && Objects.equals(endpoint, l.endpoint) && Objects.equals(stage, l.stage)
        && Objects.equals(versionId, l.versionId) && Objects.equals(idField, l.idField)
        && Objects.equals(secretField, l.secretField) && Objects.equals(ttl, l.ttl)
        && Objects.equals(timeouts, l.timeouts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(secretId, region, endpoint, stage, versionId, idField, secretField, ttl, timeouts);
  }

  /** How long loaded credentials are kept; a module setting of this source. */
  static final Setting CACHE_TTL = Setting.of("firefly.aws.cache.ttl", "FIREFLY_AWS_CACHE_TTL");

  static final Duration DEFAULT_TTL = Duration.ofHours(1);
  static final Duration MAX_TTL = Duration.ofDays(30);
  static final String DEFAULT_STAGE = "AWSCURRENT";
  static final String ID_FIELD = "idField";
  /** The older name of {@link #ID_FIELD}, still accepted. */
  static final String ID_FIELD_ALIAS = "idKey";
  /** The field holding the client secret (a name ending in "Field" names a field, so the locator accepts it). */
  static final String SECRET_FIELD = "secretField";
  static final List<String> PARAMS =
      List.of("region", "stage", "version", ID_FIELD, ID_FIELD_ALIAS, SECRET_FIELD, "ttl");
  static final String ENDPOINT_EXAMPLE = "https://secretsmanager.us-east-1.amazonaws.com";

  private static final String NAME = AwsSecretsCredentialSource.NAME;

  /**
   * Reads the location from the locator (when one selected this source), the settings and {@code code}.
   *
   * @return empty when no secret is named anywhere: the source is not configured here
   * @throws CredentialSourceException naming the locator parameter or setting that is malformed
   */
  static Optional<SecretLocation> read(SourceContext context, CodeConfig code) {
    Settings settings = context.settings();
    Optional<Locator> locator = context.locator();
    locator.ifPresent(l -> LocatorParams.check(l, NAME, PARAMS, true));
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
    String region = region(id, locator, settings, code);
    URI endpoint = code.appClient() ? null
        : code.endpoint() != null ? code.endpoint()
        : settings.get(Setting.AWS_ENDPOINT).map(SecretLocation::endpoint).orElse(null);
    String version = LocatorParams.value(locator, "version").orElse(null);
    String stage = LocatorParams.value(locator, "stage").orElse(version == null ? DEFAULT_STAGE : null);
    Duration ttl = LocatorParams.value(locator, "ttl")
        .map(t -> ttl(t, LocatorParams.where(locator.get(), "ttl"), false))
        .or(() -> settings.get(CACHE_TTL).map(v -> ttl(v.value(), v.where(), true)))
        .orElse(DEFAULT_TTL);
    CredentialFields standard = CredentialFields.standard();
    return Optional.of(new SecretLocation(
        id,
        region,
        endpoint,
        stage,
        version,
        idField(locator).orElse(standard.idKey()),
        LocatorParams.value(locator, SECRET_FIELD).orElse(standard.secretKey()),
        ttl,
        CallTimeouts.from(settings)));
  }

  /**
   * The locator's {@code region}, else the region inside an ARN (an ambient setting must not send an ARN
   * elsewhere), else the builder's, else the setting; an application's client is checked against the first two.
   */
  private static String region(String id, Optional<Locator> locator, Settings settings, CodeConfig code) {
    String fromArn = arnRegion(id);
    Optional<String> fromLocator = LocatorParams.value(locator, "region")
        .map(r -> region(r, LocatorParams.where(locator.get(), "region"), false));
    if (fromArn != null) {
      region(fromArn, "the region in ARN " + id, true);
      if (fromLocator.isPresent() && !fromLocator.get().equals(fromArn)) {
        throw new CredentialSourceException(NAME, LocatorParams.where(locator.get(), "region") + " is "
            + fromLocator.get() + " but the secret's ARN is in " + fromArn + ": drop ?region= or fix the ARN");
      }
    }
    if (code.appClient() && code.region() != null) {
      if (fromLocator.isPresent() && !fromLocator.get().equals(code.region())) {
        throw new CredentialSourceException(NAME, LocatorParams.where(locator.get(), "region") + " is "
            + fromLocator.get() + " but " + CodeConfig.APP_CLIENT + " is for " + code.region()
            + ": drop ?region= or give a client for " + fromLocator.get());
      }
      if (fromArn != null && !fromArn.equals(code.region())) {
        throw new CredentialSourceException(NAME, "secret " + id + " is in " + fromArn + " but "
            + CodeConfig.APP_CLIENT + " is for " + code.region() + ": give a client for " + fromArn);
      }
      return code.region();
    }
    return fromLocator
        .or(() -> Optional.ofNullable(fromArn))
        .or(() -> Optional.ofNullable(code.region()))
        .or(() -> settings.get(Setting.AWS_REGION).map(v -> region(v.value(), v.where(), true)))
        .orElse(null);
  }

  private static Optional<String> idField(Optional<Locator> locator) {
    Optional<String> field = LocatorParams.value(locator, ID_FIELD);
    Optional<String> alias = LocatorParams.value(locator, ID_FIELD_ALIAS);
    if (field.isPresent() && alias.isPresent()) {
      throw new CredentialSourceException(NAME, "locator '" + locator.get() + "': give '" + ID_FIELD
          + "' or its older name '" + ID_FIELD_ALIAS + "', not both");
    }
    return field.or(() -> alias);
  }

  /** The mapper from the secret's JSON fields to credentials, with this location's field names. */
  CredentialFields fields() {
    return CredentialFields.withKeys(idField, secretField);
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

  /**
   * Refuses a location a new secret cannot be written to: a write creates a new version staged
   * {@value #DEFAULT_STAGE}, so a locator pinned to a version or another stage would keep reading the old one.
   *
   * @throws CredentialSourceException naming the locator parameter
   */
  void requireCurrent() {
    if (versionId != null || !DEFAULT_STAGE.equals(stage)) {
      String pinned = versionId != null ? "a version (?version=…)" : "another stage (?stage=…)";
      throw new CredentialSourceException(NAME, "cannot write a new client secret to secret " + secretId
          + ": the locator pins " + pinned + ", but a write creates a new version staged " + DEFAULT_STAGE
          + " that this locator would not read; drop ?version= and ?stage= to write back");
    }
  }

  /** @param show whether the message may quote the value (a setting's; never a locator parameter's) */
  private static String region(String value, String where, boolean show) {
    if (!value.matches("[a-z0-9]+(-[a-z0-9]+)+")) {
      throw new CredentialSourceException(
          NAME, where + " must be an AWS region such as us-east-1" + (show ? ", was '" + value + "'" : ""));
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

  /** The endpoint setting under the one rule for URLs a secret travels to: https unless loopback. */
  private static URI endpoint(Settings.Value v) {
    return secureEndpoint(v.value(), v.where() + " (" + Setting.AWS_ENDPOINT + ")");
  }

  /**
   * {@code raw} as an endpoint override: https, or http to a loopback host (an emulator).
   *
   * @param where how messages name the setting or builder method
   * @throws CredentialSourceException naming {@code where}
   */
  static URI secureEndpoint(String raw, String where) {
    try {
      return Endpoints.requireSecure(raw, where, ENDPOINT_EXAMPLE, "a request for the client secret");
    } catch (ConfigurationException e) {
      throw new CredentialSourceException(NAME, e.getMessage());
    }
  }

  private static Duration ttl(String value, String where, boolean show) {
    String was = show ? ", was '" + value + "'" : "";
    Duration d = Settings.parseDuration(value).orElseThrow(() -> new CredentialSourceException(
        NAME, where + " must be a duration in seconds (1800) or ISO-8601 (PT30M)" + was));
    if (d.isNegative() || d.compareTo(MAX_TTL) > 0) {
      throw new CredentialSourceException(NAME, where + " must be between PT0S and " + MAX_TTL + was);
    }
    return d;
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.testkit.TestSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the locator and settings: defaults, precedence, and one test per malformed input. */
class SecretLocationTest {

  private static SecretLocation read(String locator, String... settings) {
    Settings.Builder b = Settings.builder();
    for (int i = 0; i < settings.length; i += 2) {
      b.put(settings[i], settings[i + 1]);
    }
    return SecretLocation.read(TestSourceContext.of(b.build(), locator, new FakeTimeSource()), CodeConfig.NONE)
        .orElseThrow();
  }

  private static void rejects(String expectedMessage, String locator, String... settings) {
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> read(locator, settings));
    assertEquals("aws-secrets", e.source());
    assertEquals(expectedMessage, e.getMessage());
  }

  @Test
  void defaults() {
    SecretLocation l = read("firefly:aws-secrets:prod/firefly");
    assertEquals("prod/firefly", l.secretId());
    assertNull(l.region(), "the SDK's region chain decides");
    assertNull(l.endpoint());
    assertEquals("AWSCURRENT", l.stage());
    assertNull(l.versionId());
    assertEquals("client_id", l.idField());
    assertEquals("client_secret", l.secretField());
    assertEquals(Duration.ofHours(1), l.ttl());
    assertEquals(new CallTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10)), l.timeouts());
  }

  @Test
  void everyParameter() {
    SecretLocation l = read(
        "firefly:aws-secrets:prod/firefly?region=eu-west-1&stage=AWSPENDING&version=v1&idField=id&secretField=pw"
            + "&ttl=PT10M",
        "FIREFLY_AWS_ENDPOINT", "https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com",
        "FIREFLY_AWS_TIMEOUT", "PT1M", "firefly.aws.attempt.timeout", "5");
    assertEquals("eu-west-1", l.region());
    assertEquals("AWSPENDING", l.stage());
    assertEquals("v1", l.versionId());
    assertEquals("id", l.idField());
    assertEquals("pw", l.secretField());
    assertEquals(Duration.ofMinutes(10), l.ttl());
    assertEquals(new CallTimeouts(Duration.ofMinutes(1), Duration.ofSeconds(5)), l.timeouts());
    assertEquals(URI.create("https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com"), l.endpoint());
    assertEquals("prod/firefly (eu-west-1, AWSPENDING, version v1)", l.describe(l.region()));
  }

  @Test
  void regionComesFromTheLocatorThenTheArnThenTheSetting() {
    String arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/firefly-AbCdEf";
    assertEquals("us-west-2", read("firefly:aws-secrets:prod/firefly?region=us-west-2",
        "FIREFLY_AWS_REGION", "eu-north-1").region());
    assertEquals("eu-north-1", read("firefly:aws-secrets:prod/firefly", "FIREFLY_AWS_REGION", "eu-north-1").region());
    assertEquals("eu-central-1", read("firefly:aws-secrets:" + arn, "FIREFLY_AWS_REGION", "eu-north-1").region(),
        "an ambient region setting must not send an ARN to another region");
    assertEquals("eu-central-1", read("firefly:aws-secrets:" + arn + "?region=eu-central-1").region());
    assertEquals("other", read("firefly:aws-secrets:other", "FIREFLY_AWS_SECRET_ID", "ignored").secretId());
    assertEquals(Duration.ofMinutes(1),
        read("firefly:aws-secrets:x?ttl=PT1M", "FIREFLY_AWS_CACHE_TTL", "PT2M").ttl());
  }

  @Test
  void aLocatorRegionThatContradictsTheArnIsBroken() {
    String arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/firefly-AbCdEf";
    rejects("parameter 'region' of locator 'firefly:aws-secrets:" + arn + "?region=…' is us-west-2 but"
        + " the secret's ARN is in eu-central-1: drop ?region= or fix the ARN",
        "firefly:aws-secrets:" + arn + "?region=us-west-2");
  }

  @Test
  void aMalformedRegionInsideTheArnIsBroken() {
    rejects("the region in ARN arn:aws:secretsmanager:EU_WEST:1:secret:x must be an AWS region such as us-east-1,"
        + " was 'EU_WEST'", "firefly:aws-secrets:arn:aws:secretsmanager:EU_WEST:1:secret:x");
  }

  @Test
  void systemPropertiesConfigureTheDefaultChain() {
    Settings s = Settings.builder().systemProperties(Map.of(
        "firefly.aws.secret.id", "team/firefly", "firefly.aws.region", "ca-central-1",
        "firefly.aws.endpoint", "http://localhost:4566", "firefly.aws.cache.ttl", "PT15M")).build();
    SecretLocation l =
        SecretLocation.read(TestSourceContext.of(s, null, new FakeTimeSource()), CodeConfig.NONE).orElseThrow();
    assertEquals("team/firefly", l.secretId());
    assertEquals("ca-central-1", l.region());
    assertEquals(URI.create("http://localhost:4566"), l.endpoint());
    assertEquals(Duration.ofMinutes(15), l.ttl());
  }

  @Test
  void locatorWithoutSecretFallsBackToTheSetting() {
    assertEquals("team/firefly",
        read("firefly:aws-secrets?region=us-east-1", "FIREFLY_AWS_SECRET_ID", "team/firefly").secretId());
  }

  @Test
  void locatorWithoutAnySecret() {
    rejects("locator 'firefly:aws-secrets?region=…' names no secret: write "
        + "firefly:aws-secrets:<secret name or ARN>, or set FIREFLY_AWS_SECRET_ID / firefly.aws.secret.id",
        "firefly:aws-secrets?region=us-east-1");
  }

  @Test
  void unknownParameter() {
    rejects("locator 'firefly:aws-secrets:x?profile=…': unknown parameter 'profile'; the aws-secrets source "
        + "knows: region, stage, version, idField, idKey, secretField, ttl", "firefly:aws-secrets:x?profile=prod");
  }

  @Test
  void emptyParameter() {
    rejects("locator 'firefly:aws-secrets:x?stage=…': parameter 'stage' is empty", "firefly:aws-secrets:x?stage=");
  }

  @Test
  void badRegionInTheLocator() {
    rejects("parameter 'region' of locator 'firefly:aws-secrets:x?region=…' must be an AWS region such as "
        + "us-east-1", "firefly:aws-secrets:x?region=US_EAST");
  }

  @Test
  void badRegionInTheSetting() {
    rejects("setting FIREFLY_AWS_REGION must be an AWS region such as us-east-1, was 'Frankfurt'",
        "firefly:aws-secrets:x", "FIREFLY_AWS_REGION", "Frankfurt");
  }

  @Test
  void badTtlInTheLocator() {
    rejects("parameter 'ttl' of locator 'firefly:aws-secrets:x?ttl=…' must be a duration in seconds (1800)"
        + " or ISO-8601 (PT30M)", "firefly:aws-secrets:x?ttl=30m");
  }

  @Test
  void ttlInSecondsIsAcceptedLikeEveryOtherDurationSetting() {
    assertEquals(Duration.ofMinutes(10), read("firefly:aws-secrets:x", "FIREFLY_AWS_CACHE_TTL", "600").ttl());
  }

  @Test
  void badTtlInTheSetting() {
    rejects("setting FIREFLY_AWS_CACHE_TTL must be a duration in seconds (1800) or ISO-8601 (PT30M), was 'hour'",
        "firefly:aws-secrets:x", "FIREFLY_AWS_CACHE_TTL", "hour");
  }

  @Test
  void negativeTtl() {
    rejects("parameter 'ttl' of locator 'firefly:aws-secrets:x?ttl=…' must be between PT0S and PT720H",
        "firefly:aws-secrets:x?ttl=-PT1M");
  }

  @Test
  void hugeTtl() {
    rejects("setting FIREFLY_AWS_CACHE_TTL must be between PT0S and PT720H, was 'P365D'",
        "firefly:aws-secrets:x", "FIREFLY_AWS_CACHE_TTL", "P365D");
  }

  @Test
  void endpointNotAUrl() {
    rejects("setting FIREFLY_AWS_ENDPOINT (FIREFLY_AWS_ENDPOINT / firefly.aws.endpoint) is not a valid URL: Illegal"
        + " character in path", "firefly:aws-secrets:x", "FIREFLY_AWS_ENDPOINT", "not a url");
  }

  @Test
  void endpointWithoutScheme() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> read("firefly:aws-secrets:x", "firefly.aws.endpoint", "localhost:4566"));
    assertTrue(e.getMessage().startsWith("setting firefly.aws.endpoint (FIREFLY_AWS_ENDPOINT / firefly.aws.endpoint)"
        + " must be an absolute https URL such as https://secretsmanager.us-east-1.amazonaws.com"), e.getMessage());
  }

  @Test
  void endpointWithAnotherScheme() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> read("firefly:aws-secrets:x", "FIREFLY_AWS_ENDPOINT", "ftp://example.com"));
    assertTrue(e.getMessage().endsWith("was 'ftp://example.com'"), e.getMessage());
  }

  @Test
  void plainHttpToARemoteHostIsRefused() {
    rejects("setting FIREFLY_AWS_ENDPOINT (FIREFLY_AWS_ENDPOINT / firefly.aws.endpoint) is"
        + " 'http://secretsmanager.us-east-1.amazonaws.com': https is required, because a request for the client"
        + " secret is sent to this URL (plain http is allowed only for a loopback host such as localhost or"
        + " 127.0.0.1)", "firefly:aws-secrets:x", "FIREFLY_AWS_ENDPOINT", "http://secretsmanager.us-east-1.amazonaws.com");
  }

  @Test
  void plainHttpToAHostThatMerelyResolvesToLoopbackIsRefused() {
    assertThrows(CredentialSourceException.class,
        () -> read("firefly:aws-secrets:x", "FIREFLY_AWS_ENDPOINT", "http://localhost.example.com:4566"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:4566", "http://127.0.0.1:4566", "http://[::1]:4566",
      "https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com"})
  void httpsOrLoopbackIsAccepted(String url) {
    assertEquals(URI.create(url), read("firefly:aws-secrets:x", "FIREFLY_AWS_ENDPOINT", url).endpoint());
  }

  @Test
  void endpointWithUserInfoIsRefused() {
    rejects("setting FIREFLY_AWS_ENDPOINT (FIREFLY_AWS_ENDPOINT / firefly.aws.endpoint) must not contain user info"
        + " (nothing secret belongs in the URL)", "firefly:aws-secrets:x", "FIREFLY_AWS_ENDPOINT",
        "https://me:pw@vpce-1.example.com");
  }

  @Test
  void idKeyIsStillAcceptedAsTheOlderNameOfIdField() {
    assertEquals("apiKey", read("firefly:aws-secrets:x?idKey=apiKey").idField());
  }

  @Test
  void idFieldAndIdKeyTogetherAreRefused() {
    rejects("locator 'firefly:aws-secrets:x?idField=…&idKey=…': give 'idField' or its older name 'idKey', not both",
        "firefly:aws-secrets:x?idField=a&idKey=b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"secretKey", "clientSecret"})
  void aParameterNamedLikeASecretIsRefusedByTheLocatorItself(String name) {
    // The former name secretKey reads like AWS's secret access key: the api refuses it at parse time.
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> read("firefly:aws-secrets:x?" + name + "=apiSecret"));
    assertTrue(e.getMessage().contains("parameter '" + name + "' looks like a secret"), e.getMessage());
    assertFalse(e.getMessage().contains("apiSecret"), e.getMessage());
  }

  @Test
  void timeoutsFromTheSettings() {
    assertEquals(new CallTimeouts(Duration.ofSeconds(90), Duration.ofMillis(2500)),
        read("firefly:aws-secrets:x", "FIREFLY_AWS_TIMEOUT", "90", "FIREFLY_AWS_ATTEMPT_TIMEOUT", "2.5").timeouts());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "PT2H", "soon"})
  void badTimeoutsAreRefusedNamingTheSetting(String value) {
    String why = value.equals("soon")
        ? " must be a duration in seconds (10) or ISO-8601 (PT10S), was '" + value + "'"
        : " must be from 1 ms to 1 h, was '" + value + "'";
    rejects("setting FIREFLY_AWS_ATTEMPT_TIMEOUT" + why, "firefly:aws-secrets:x", "FIREFLY_AWS_ATTEMPT_TIMEOUT", value);
    rejects("setting firefly.aws.timeout" + why, "firefly:aws-secrets:x", "firefly.aws.timeout", value);
  }

  @Test
  void writeBackNeedsTheCurrentStage() {
    read("firefly:aws-secrets:x").requireCurrent();
    read("firefly:aws-secrets:x?stage=AWSCURRENT").requireCurrent();
    CredentialSourceException version = assertThrows(CredentialSourceException.class,
        () -> read("firefly:aws-secrets:x?version=v-42").requireCurrent());
    assertEquals("cannot write a new client secret to secret x: the locator pins a version (?version=…), but a"
        + " write creates a new version staged AWSCURRENT that this locator would not read; drop ?version= and"
        + " ?stage= to write back", version.getMessage());
    CredentialSourceException stage = assertThrows(CredentialSourceException.class,
        () -> read("firefly:aws-secrets:x?stage=AWSPREVIOUS").requireCurrent());
    assertTrue(stage.getMessage().contains("the locator pins another stage (?stage=…)"), stage.getMessage());
  }
}

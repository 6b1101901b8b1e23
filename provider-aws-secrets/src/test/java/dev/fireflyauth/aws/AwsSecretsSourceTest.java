package dev.fireflyauth.aws;

import dev.fireflyauth.testkit.TestSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testing.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the source sends to Secrets Manager and what it makes of the answer. */
class AwsSecretsSourceTest extends StubbedSourceTest {
  static final String FULL = "{\"client_id\":\"my-client-id\",\"client_secret\":\"s3cr3t-value\","
      + "\"scopes\":\"openid,firefly_api\",\"org_id\":\"ORG@AdobeOrg\"}";

  private static Map<String, Object> body(LoggedRequest r) {
    return SecretsManagerStub.body(r);
  }

  @Test
  void sendsASignedGetSecretValueInAwsJson11() throws Exception {
    aws.secretString(FULL);
    ClientCredentials c = load("firefly:aws-secrets:prod/firefly");

    LoggedRequest r = aws.requests().get(0);
    assertEquals(SecretsManagerStub.TARGET, r.getHeader("X-Amz-Target"));
    assertTrue(r.getHeader("Content-Type").startsWith(SecretsManagerStub.AMZ_JSON), r.getHeader("Content-Type"));
    String auth = r.getHeader("Authorization");
    assertTrue(auth.matches("AWS4-HMAC-SHA256 Credential=" + TestAws.ACCESS_KEY_ID
        + "/\\d{8}/us-east-1/secretsmanager/aws4_request, SignedHeaders=\\S*x-amz-date\\S*, Signature=[0-9a-f]{64}"),
        auth);
    assertEquals("prod/firefly", body(r).get("SecretId"));
    assertEquals("AWSCURRENT", body(r).get("VersionStage"));
    assertFalse(body(r).containsKey("VersionId"));

    assertEquals("my-client-id", c.clientId());
    assertEquals(List.of(Secret.of("s3cr3t-value")), c.secrets());
    assertEquals(List.of("openid", "firefly_api"), c.scopes());
    assertEquals("ORG@AdobeOrg", c.orgId().orElseThrow());
    assertEquals("aws-secrets prod/firefly (us-east-1, AWSCURRENT)", c.origin());
  }

  @Test
  void regionFromTheLocatorSignsForThatRegion() {
    aws.secretString(FULL);
    ClientCredentials c = load("firefly:aws-secrets:prod/firefly?region=eu-west-1");
    assertTrue(aws.requests().get(0).getHeader("Authorization").contains("/eu-west-1/secretsmanager/"));
    assertEquals("aws-secrets prod/firefly (eu-west-1, AWSCURRENT)", c.origin());
  }

  @Test
  void settingsAloneConfigureTheDefaultChain() throws Exception {
    aws.secretString(FULL);
    ClientCredentials c = load(null,
        Setting.AWS_SECRET_ID.env(), "team/firefly", Setting.AWS_REGION.property(), "ap-southeast-2");
    assertEquals("team/firefly", body(aws.requests().get(0)).get("SecretId"));
    assertTrue(aws.requests().get(0).getHeader("Authorization").contains("/ap-southeast-2/secretsmanager/"));
    assertEquals("aws-secrets team/firefly (ap-southeast-2, AWSCURRENT)", c.origin());
  }

  @Test
  void anArnCarriesItsRegion() throws Exception {
    aws.secretString(FULL);
    String arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/firefly-AbCdEf";
    ClientCredentials c = load("firefly:aws-secrets:" + arn);
    assertEquals(arn, body(aws.requests().get(0)).get("SecretId"));
    assertTrue(aws.requests().get(0).getHeader("Authorization").contains("/eu-central-1/secretsmanager/"));
    assertEquals("aws-secrets " + arn + " (eu-central-1, AWSCURRENT)", c.origin());
  }

  @Test
  void stageAndVersionAreSentAsGiven() throws Exception {
    aws.secretString(FULL);
    ClientCredentials previous = load("firefly:aws-secrets:prod/firefly?stage=AWSPREVIOUS");
    assertEquals("AWSPREVIOUS", body(aws.requests().get(0)).get("VersionStage"));
    assertEquals("aws-secrets prod/firefly (us-east-1, AWSPREVIOUS)", previous.origin());

    ClientCredentials version = load("firefly:aws-secrets:prod/firefly?version=v-42");
    Map<String, Object> b = body(aws.requests().get(1));
    assertEquals("v-42", b.get("VersionId"));
    assertFalse(b.containsKey("VersionStage"), "AWS wants no stage beside a version unless asked: " + b);
    assertEquals("aws-secrets prod/firefly (us-east-1, version v-42)", version.origin());
  }

  @Test
  void severalSecretsNewestFirstAndScopesAsAList() {
    aws.secretString("{\"client_id\":\"id\",\"client_secrets\":[\"new-one\",\"old-one\"],"
        + "\"scopes\":[\"openid\",\"ff_apis\"]}");
    ClientCredentials c = load("firefly:aws-secrets:prod/firefly");
    assertEquals(List.of(Secret.of("new-one"), Secret.of("old-one")), c.secrets());
    assertEquals(List.of("openid", "ff_apis"), c.scopes());
    assertTrue(c.orgId().isEmpty());
  }

  @Test
  void environmentStyleKeysWork() {
    aws.secretString("{\"FIREFLY_SERVICES_CLIENT_ID\":\"env-id\",\"FIREFLY_SERVICES_CLIENT_SECRET\":\"env-secret\"}");
    ClientCredentials c = load("firefly:aws-secrets:prod/firefly");
    assertEquals("env-id", c.clientId());
    assertEquals(List.of(Secret.of("env-secret")), c.secrets());
    assertEquals(ClientCredentials.DEFAULT_SCOPES, c.scopes());
  }

  @Test
  void customKeyNamesFromTheLocator() {
    aws.secretString("{\"apiKey\":\"custom-id\",\"apiSecret\":\"custom-secret\"}");
    ClientCredentials c = load("firefly:aws-secrets:prod/firefly?idField=apiKey&secretField=apiSecret");
    assertEquals("custom-id", c.clientId());
    assertEquals(List.of(Secret.of("custom-secret")), c.secrets());
  }

  @Test
  void secretBinaryHoldingTheSameJson() {
    aws.secretBinary(FULL.getBytes(StandardCharsets.UTF_8));
    ClientCredentials c = load("firefly:aws-secrets:prod/firefly");
    assertEquals("my-client-id", c.clientId());
    assertEquals(List.of(Secret.of("s3cr3t-value")), c.secrets());
  }

  @Test
  void notConfiguredWithoutLocatorOrSecretId() {
    TestSourceContext ctx = TestSourceContext.of(Settings.builder().build(), null, time);
    assertTrue(source.load(ctx).isEmpty());
    assertEquals("FIREFLY_AWS_SECRET_ID / firefly.aws.secret.id is not set", ctx.reason());
    assertEquals(0, source.clientsBuilt());
    assertEquals(0, aws.count());
  }

  @Test
  void oneClientPerRegionAndEndpoint() {
    aws.secretString(FULL);
    load("firefly:aws-secrets:a");
    load("firefly:aws-secrets:b");
    assertEquals(1, source.clientsBuilt());
    load("firefly:aws-secrets:a?region=eu-west-1");
    assertEquals(2, source.clientsBuilt());
    assertEquals(3, aws.count());
  }

  @Test
  void toStringTraceAndLogsHoldNoSecret() {
    aws.secretString(FULL);
    try (LogCapture logs = LogCapture.start();
        FireflyAuth auth = FireflyAuth.builder()
            .classLoader(new URLClassLoader(new URL[0], null)) // only the source added below
            .addSource(source)
            .settings(TestAws.settings(aws, Setting.AWS_SECRET_ID.env(), "prod/firefly"))
            .timeSource(time)
            .build()) {
      ClientCredentials c = auth.credentials();
      String trace = auth.explain().toString();
      assertTrue(trace.contains("aws-secrets prod/firefly (us-east-1, AWSCURRENT)"), trace);
      for (String text : List.of(c.toString(), trace, source.toString(), logs.text())) {
        assertFalse(text.contains("s3cr3t-value"), text);
        assertFalse(text.contains(TestAws.SECRET_ACCESS_KEY), text);
      }
    }
  }
}

package dev.fireflyauth.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.testing.LogCapture;
import dev.fireflyauth.testkit.TestSourceContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writing a rotated client secret back with {@code PutSecretValue}, against a stateful Secrets Manager on
 * WireMock: the request's shape, what the secret holds afterwards, that the next load reads it, and the refusals.
 */
class AwsWriteBackTest extends StubbedSourceTest {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";
  private static final Secret OLD = Secret.of("old-client-secret-1");
  private static final Secret NEW = Secret.of("new-client-secret-2");

  private TestSourceContext context(String locator) {
    return TestSourceContext.of(TestAws.settings(aws), locator, time);
  }

  private SecretWriteBack writeBack() {
    return source.writeBack(context(LOCATOR)).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    try {
      return (Map<String, Object>) StrictJson.parse(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void writesANewVersionWithBothSecretsNewestFirstKeepingEverythingElse() {
    aws.store("{\"client_id\":\"my-id\",\"client_secret\":\"old-client-secret-1\",\"scopes\":\"openid,ff_apis\","
        + "\"org_id\":\"ORG@AdobeOrg\",\"note\":{\"team\":\"imaging\"}}", false);
    assertEquals(List.of(OLD), load(LOCATOR).secrets());

    writeBack().write(NEW, OLD);

    assertEquals(1, aws.puts().size());
    Map<String, Object> put = SecretsManagerStub.body(aws.puts().get(0));
    assertEquals("prod/firefly", put.get("SecretId"));
    assertFalse(put.containsKey("VersionStages"), "AWS stages a new version AWSCURRENT by itself: " + put.keySet());
    assertFalse(put.containsKey("SecretBinary"));
    assertNotNull(put.get("ClientRequestToken"), "the SDK makes the put idempotent across retries");
    assertEquals("{\"client_id\":\"my-id\",\"client_secrets\":[\"new-client-secret-2\",\"old-client-secret-1\"],"
        + "\"scopes\":\"openid,ff_apis\",\"org_id\":\"ORG@AdobeOrg\",\"note\":{\"team\":\"imaging\"}}",
        put.get("SecretString"));
    LoggedRequest first = aws.requests().get(aws.requests().size() - 1);
    assertEquals("AWSCURRENT", SecretsManagerStub.body(first).get("VersionStage"), "read the current version first");

    ClientCredentials after = load(LOCATOR); // inside the TTL: the write-back forgot the cached value
    assertEquals(List.of(NEW, OLD), after.secrets());
    assertEquals("my-id", after.clientId());
    assertEquals(List.of("openid", "ff_apis"), after.scopes());
  }

  @Test
  void anOlderSecretIsDroppedWhenANewOneIsWritten() {
    aws.store("{\"client_id\":\"id\",\"client_secrets\":[\"old-client-secret-1\",\"oldest-secret-0\"]}", false);
    writeBack().write(NEW, OLD);
    assertEquals(List.of("new-client-secret-2", "old-client-secret-1"), json(aws.stored()).get("client_secrets"));
  }

  @Test
  void aCustomSecretFieldBecomesTheArrayInItsPlace() {
    aws.store("{\"apiKey\":\"id\",\"apiSecret\":\"old-client-secret-1\",\"region\":\"eu\"}", false);
    String locator = LOCATOR + "?idField=apiKey&secretField=apiSecret";
    source.writeBack(context(locator)).orElseThrow().write(NEW, OLD);
    assertEquals("{\"apiKey\":\"id\",\"client_secrets\":[\"new-client-secret-2\",\"old-client-secret-1\"],"
        + "\"region\":\"eu\"}", aws.stored());
    assertEquals(List.of(NEW, OLD), load(locator).secrets());
  }

  @Test
  void theEnvironmentStyleLayoutKeepsItsKeysAndGetsThePreviousSecretBesideIt() {
    aws.store("{\"FIREFLY_SERVICES_CLIENT_ID\":\"id\",\"FIREFLY_SERVICES_CLIENT_SECRET\":\"old-client-secret-1\"}",
        false);
    writeBack().write(NEW, OLD);
    assertEquals("{\"FIREFLY_SERVICES_CLIENT_ID\":\"id\",\"FIREFLY_SERVICES_CLIENT_SECRET\":\"new-client-secret-2\","
        + "\"FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS\":\"old-client-secret-1\"}", aws.stored());
    assertEquals(List.of(NEW, OLD), load(LOCATOR).secrets());
  }

  @Test
  void aBinarySecretStaysBinary() {
    aws.store("{\"client_id\":\"id\",\"client_secret\":\"old-client-secret-1\"}", true);
    writeBack().write(NEW, OLD);
    Map<String, Object> put = SecretsManagerStub.body(aws.puts().get(0));
    assertFalse(put.containsKey("SecretString"));
    assertEquals("{\"client_id\":\"id\",\"client_secrets\":[\"new-client-secret-2\",\"old-client-secret-1\"]}",
        new String(Base64.getDecoder().decode((String) put.get("SecretBinary")), StandardCharsets.UTF_8));
    assertEquals(List.of(NEW, OLD), load(LOCATOR).secrets());
  }

  @Test
  void removeDropsTheRetiredSecret() {
    aws.store("{\"client_id\":\"id\",\"client_secrets\":[\"new-client-secret-2\",\"old-client-secret-1\"]}", false);
    assertEquals(List.of(NEW, OLD), load(LOCATOR).secrets());
    writeBack().remove(OLD);
    assertEquals("{\"client_id\":\"id\",\"client_secrets\":[\"new-client-secret-2\"]}", aws.stored());
    assertEquals(List.of(NEW), load(LOCATOR).secrets());
  }

  @Test
  void removeInTheEnvironmentStyleLayoutDropsThePreviousField() {
    aws.store("{\"FIREFLY_SERVICES_CLIENT_ID\":\"id\",\"FIREFLY_SERVICES_CLIENT_SECRET\":\"new-client-secret-2\","
        + "\"FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS\":\"old-client-secret-1\"}", false);
    writeBack().remove(OLD);
    assertEquals("{\"FIREFLY_SERVICES_CLIENT_ID\":\"id\",\"FIREFLY_SERVICES_CLIENT_SECRET\":\"new-client-secret-2\"}",
        aws.stored());
  }

  @Test
  void removingASecretThatIsNotThereWritesNothing() {
    aws.store("{\"client_id\":\"id\",\"client_secret\":\"new-client-secret-2\"}", false);
    writeBack().remove(OLD);
    assertEquals(0, aws.puts().size());
  }

  @Test
  void removingTheOnlySecretIsRefused() {
    aws.store("{\"client_id\":\"id\",\"client_secret\":\"old-client-secret-1\"}", false);
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> writeBack().remove(OLD));
    assertEquals("will not remove the only client secret of aws-secrets prod/firefly (us-east-1, AWSCURRENT): write"
        + " the new secret first", e.getMessage());
    assertEquals(0, aws.puts().size());
  }

  @Test
  void describeNamesTheSecretAsTheOriginDoes() {
    aws.store("{\"client_id\":\"id\",\"client_secret\":\"s-1234\"}", false);
    assertEquals("aws-secrets prod/firefly (us-east-1, AWSCURRENT)", writeBack().describe());
    assertEquals(load(LOCATOR).origin(), writeBack().describe());
  }

  @ParameterizedTest
  @ValueSource(strings = {"?version=v-42", "?stage=AWSPREVIOUS", "?stage=AWSPENDING", "?version=v-42&stage=AWSCURRENT"})
  void aLocatorPinnedToAVersionOrAnotherStageIsRefused(String query) {
    aws.store("{\"client_id\":\"id\",\"client_secret\":\"s-1234\"}", false);
    CredentialSourceException e =
        assertThrows(CredentialSourceException.class, () -> source.writeBack(context(LOCATOR + query)));
    assertTrue(e.getMessage().startsWith("cannot write a new client secret to secret prod/firefly: the locator pins"),
        e.getMessage());
    assertEquals(0, aws.count() + aws.puts().size(), "refused before any request");
    assertEquals(0, source.clientsBuilt());
  }

  @Test
  void notConfiguredMeansNoWriteBackAndNoClient() {
    assertTrue(source.writeBack(TestSourceContext.of(Settings.builder().build(), null, time)).isEmpty());
    assertEquals(0, source.clientsBuilt());
  }

  @Test
  void accessDeniedNamesThePutPermissionAndLeavesTheSecretAsItWas() {
    String before = "{\"client_id\":\"id\",\"client_secret\":\"old-client-secret-1\"}";
    aws.store(before, false);
    aws.answerPut(aResponse().withStatus(400).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::123456789012:user/app is not"
            + " authorized to perform: secretsmanager:PutSecretValue\"}"));
    try (LogCapture logs = LogCapture.start()) {
      CredentialSourceException e =
          assertThrows(CredentialSourceException.class, () -> writeBack().write(NEW, OLD));
      assertEquals("access denied writing secret prod/firefly (us-east-1, AWSCURRENT): the AWS identity (access key"
          + " ID " + TestAws.ACCESS_KEY_ID + ") needs IAM permission secretsmanager:PutSecretValue on prod/firefly"
          + " (AWS: AccessDeniedException: User: arn:aws:iam::123456789012:user/app is not authorized to perform:"
          + " secretsmanager:PutSecretValue)", e.getMessage());
      for (String text : List.of(e.toString(), logs.text())) {
        assertFalse(text.contains(NEW.reveal()), text);
        assertFalse(text.contains(OLD.reveal()), text);
      }
    }
    assertEquals(before, aws.stored());
    assertEquals(1, aws.puts().size(), "not retried");
  }

  @Test
  void aKmsKeyThatCannotEncryptNamesThePermission() {
    aws.store("{\"client_id\":\"id\",\"client_secret\":\"old-client-secret-1\"}", false);
    aws.answerPut(aResponse().withStatus(400).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody("{\"__type\":\"EncryptionFailure\",\"message\":\"Access to KMS is not allowed\"}"));
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> writeBack().write(NEW, OLD));
    assertTrue(e.getMessage().startsWith("AWS could not encrypt the new version of secret prod/firefly (us-east-1,"
        + " AWSCURRENT) with its KMS key: the AWS identity (access key ID " + TestAws.ACCESS_KEY_ID + ") needs"
        + " kms:GenerateDataKey and kms:Decrypt on that key"), e.getMessage());
  }

  @Test
  void anUnavailableStoreIsTransientAndTheSecretStaysAsItWas() {
    String before = "{\"client_id\":\"id\",\"client_secret\":\"old-client-secret-1\"}";
    aws.store(before, false);
    aws.answerPut(aResponse().withStatus(500).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody("{\"__type\":\"InternalServiceError\",\"message\":\"try later\"}"));
    FireflyAuthException e = assertThrows(FireflyAuthException.class, () -> writeBack().write(NEW, OLD));
    assertInstanceOf(TransientException.class, e);
    assertTrue(e.getMessage().startsWith("AWS Secrets Manager at " + aws.url() + " is unavailable writing secret"
        + " prod/firefly (us-east-1, AWSCURRENT) after 3 attempts"), e.getMessage());
    assertEquals(before, aws.stored());
  }

  @Test
  void aCurrentValueThatIsNotJsonIsNotOverwritten() {
    aws.store("not json at all", false);
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> writeBack().write(NEW, OLD));
    assertEquals("secret prod/firefly (us-east-1, AWSCURRENT) SecretString is not valid JSON: unexpected character at"
        + " line 1, column 1", e.getMessage());
    assertEquals(0, aws.puts().size());
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.testkit.TestSourceContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.FireflyAuthException.Kind;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testing.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Every way {@code GetSecretValue} can fail, as AWS JSON 1.1 answers {@code {"__type": …}} from WireMock:
 * the kind of error, what the message names, and that no secret ever shows.
 */
class AwsSecretsErrorsTest extends StubbedSourceTest {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";
  private static final String CLIENT_SECRET = "client-secret-value-xyz";

  private final LogCapture logs = LogCapture.start();

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  private FireflyAuthException fail(Kind kind) {
    return fail(kind, TestAws.settings(aws));
  }

  private FireflyAuthException fail(Kind kind, Settings settings) {
    TestSourceContext ctx = TestSourceContext.of(settings, LOCATOR, time);
    FireflyAuthException e = assertThrows(FireflyAuthException.class, () -> source.load(ctx));
    assertEquals(kind, e.kind(), e.toString());
    if (kind == Kind.BROKEN) {
      assertTrue(e instanceof CredentialSourceException, e.toString());
      assertEquals("aws-secrets", ((CredentialSourceException) e).source());
    } else {
      assertTrue(e instanceof TransientException, e.toString());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(TestAws.SECRET_ACCESS_KEY), t.toString());
      assertFalse(String.valueOf(t.getMessage()).contains(CLIENT_SECRET), t.toString());
    }
    assertFalse(logs.text().contains(TestAws.SECRET_ACCESS_KEY), logs.text());
    assertFalse(logs.text().contains(CLIENT_SECRET), logs.text());
    return e;
  }

  private static void assertContains(String expected, Throwable e) {
    assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }

  @Test
  void secretNotFound() {
    aws.error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("secret prod/firefly (us-east-1, AWSCURRENT) not found in us-east-1", e);
    assertContains("can't find the specified secret", e);
    assertEquals(1, aws.count(), "not retried");
  }

  @Test
  void accessDeniedNamesTheIamAction() {
    aws.error(400, "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/app is not authorized to perform: secretsmanager:GetSecretValue");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("access denied reading secret prod/firefly (us-east-1, AWSCURRENT)", e);
    assertContains("needs IAM permission secretsmanager:GetSecretValue on prod/firefly", e);
    assertContains(TestAws.ACCESS_KEY_ID, e);
    assertEquals(1, aws.count(), "not retried");
  }

  @Test
  void decryptionFailureNamesKms() {
    aws.error(400, "DecryptionFailure", "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("could not decrypt secret prod/firefly (us-east-1, AWSCURRENT) with its KMS key", e);
    assertContains("kms:Decrypt", e);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException"})
  void refusedAwsCredentialsNameTheAccessKeyId(String type) {
    aws.error(400, type, "The security token included in the request is invalid.");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("AWS refused the AWS credentials with access key ID " + TestAws.ACCESS_KEY_ID, e);
    assertContains("(AWS: " + type + ":", e);
    assertContains("prod/firefly (us-east-1, AWSCURRENT)", e);
  }

  @Test
  void throttlingIsRetriedThenTransient() {
    aws.error(400, "ThrottlingException", "Rate exceeded");
    FireflyAuthException e = fail(Kind.TRANSIENT);
    assertContains("is unavailable reading secret prod/firefly (us-east-1, AWSCURRENT) after 3 attempts", e);
    assertContains("ThrottlingException", e);
    assertEquals(TestAws.ATTEMPTS, aws.count());
  }

  @Test
  void serverErrorIsRetriedThenTransientNamingTheEndpoint() {
    aws.error(500, "InternalServiceError", "An error occurred on the server side.");
    FireflyAuthException e = fail(Kind.TRANSIENT);
    assertContains("AWS Secrets Manager at " + aws.url() + " is unavailable", e);
    assertContains("after 3 attempts", e);
    assertEquals(TestAws.ATTEMPTS, aws.count());
  }

  @Test
  void otherRefusalsAreBrokenWithAwsReason() {
    aws.error(400, "InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("refused secretsmanager:GetSecretValue for secret prod/firefly", e);
    assertContains("marked for deletion", e);
  }

  @Test
  void connectionRefusedIsTransientNamingTheEndpoint() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    FireflyAuthException e =
        fail(Kind.TRANSIENT, Settings.builder().put("FIREFLY_AWS_ENDPOINT", endpoint).build());
    assertContains("cannot reach AWS Secrets Manager at " + endpoint, e);
    assertContains("prod/firefly (us-east-1, AWSCURRENT)", e);
  }

  @Test
  void connectionResetIsTransient() {
    aws.answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    FireflyAuthException e = fail(Kind.TRANSIENT);
    assertContains("cannot reach AWS Secrets Manager at " + aws.url(), e);
  }

  @Test
  void aStalledAnswerIsTransientNamingTheTimeoutSettings() {
    aws.answer(aResponse().withStatus(200).withFixedDelay(5_000).withBody("{}"));
    FireflyAuthException e = fail(Kind.TRANSIENT, TestAws.settings(aws,
        "FIREFLY_AWS_ATTEMPT_TIMEOUT", "0.2", "FIREFLY_AWS_TIMEOUT", "30"));
    assertContains("no complete answer from AWS Secrets Manager at " + aws.url()
        + " reading secret prod/firefly (us-east-1, AWSCURRENT) after 3 attempts within the timeouts (each attempt"
        + " at most 0.2 s (FIREFLY_AWS_ATTEMPT_TIMEOUT / firefly.aws.attempt.timeout)", e);
    assertEquals(TestAws.ATTEMPTS, aws.count(), "each attempt timed out and was retried");
  }

  @Test
  void noAwsCredentialsIsBrokenWithTheSdkReason() {
    source.close();
    // A real SDK chain that can find nothing: one profile provider over an empty profile file.
    source = new AwsSecretsCredentialSource(TestAws.factory(
        AwsCredentialsProviderChain.of(ProfileCredentialsProvider.builder()
            .profileFile(TestAws.emptyProfile()).profileName("default").build()), b -> {}));
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("no AWS credentials to read secret prod/firefly (us-east-1, AWSCURRENT)", e);
    assertContains("(AWS SDK: Unable to load credentials from any of the providers in the chain: "
        + "[ProfileCredentialsProvider(profileName=default): Profile file contained no credentials", e);
    assertEquals(0, aws.count());
  }

  @Test
  void noRegionIsBrokenWithTheSdkReason() {
    source.close();
    source = new AwsSecretsCredentialSource(TestAws.noRegion());
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("no AWS region for secret prod/firefly", e);
    assertContains("FIREFLY_AWS_REGION", e);
    assertContains("AWS SDK: Unable to load region from any of the providers in the chain: ", e);
    assertContains("No region provided in profile: default", e);
    assertFalse(e.getMessage().contains("@"), e.getMessage());
    assertEquals(0, source.clientsBuilt());
  }

  @Test
  void secretThatIsNotJsonIsBrokenWithoutEchoingIt() {
    aws.secretString("{\"client_id\":\"id\",\"client_secret\": " + CLIENT_SECRET + "}");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("secret prod/firefly (us-east-1, AWSCURRENT) SecretString is not valid JSON: unexpected character"
        + " at line 1, column 36", e);
    assertEquals(null, e.getCause());
  }

  @Test
  void secretThatIsNotAnObjectIsBroken() {
    aws.secretString("[\"" + CLIENT_SECRET + "\"]");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("secret prod/firefly (us-east-1, AWSCURRENT) SecretString must be a JSON object, found an array", e);
  }

  @Test
  void aDuplicatedKeyInTheSecretIsBrokenNotGuessed() {
    aws.secretString("{\"client_id\":\"id\",\"client_secret\":\"old-s3cret\",\"client_secret\":\"new-s3cret\"}");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("SecretString is not valid JSON: duplicate key at line 1, column 48", e);
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void plainTextSecretIsBroken() {
    aws.secretString(CLIENT_SECRET);
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("SecretString is not valid JSON: unexpected character at line 1, column 1", e);
  }

  @Test
  void missingClientIdNamesTheKey() {
    aws.secretString("{\"client_secret\":\"" + CLIENT_SECRET + "\"}");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("secret prod/firefly (us-east-1, AWSCURRENT): missing 'client_id'", e);
  }

  @Test
  void missingClientSecretNamesTheKey() {
    aws.secretString("{\"client_id\":\"id\"}");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("missing 'client_secret' or 'client_secrets'", e);
  }

  @Test
  void missingCustomKeyNamesThatKey() {
    aws.secretString("{\"client_id\":\"id\",\"client_secret\":\"" + CLIENT_SECRET + "\"}");
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), LOCATOR + "?idField=apiKey", time);
    FireflyAuthException e = assertThrows(CredentialSourceException.class, () -> source.load(ctx));
    assertContains("missing 'apiKey'", e);
  }

  @Test
  void wrongTypeNamesTheKey() {
    aws.secretString("{\"client_id\":\"id\",\"client_secret\":42}");
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("'client_secret' must be a string, found a number", e);
  }

  @Test
  void binaryThatIsNotUtf8IsBroken() {
    aws.secretBinary(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("SecretBinary is not UTF-8 text", e);
  }

  @Test
  void binaryThatIsNotJsonIsBroken() {
    aws.secretBinary(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8));
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("secret prod/firefly (us-east-1, AWSCURRENT) SecretBinary is not valid JSON: unexpected character"
        + " at line 1, column 1", e);
  }

  @Test
  void answerWithoutAValueIsBroken() {
    aws.noValue();
    FireflyAuthException e = fail(Kind.BROKEN);
    assertContains("has neither SecretString nor SecretBinary", e);
  }

  @Test
  void failuresAreNotCached() {
    aws.error(500, "InternalServiceError", "boom");
    fail(Kind.TRANSIENT);
    aws.secretString("{\"client_id\":\"id\",\"client_secret\":\"" + CLIENT_SECRET + "\"}");
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), LOCATOR, time);
    assertEquals("id", source.load(ctx).orElseThrow().clientId());
  }
}

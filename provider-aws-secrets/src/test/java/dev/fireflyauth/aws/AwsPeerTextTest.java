package dev.fireflyauth.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.testing.LogCapture;
import dev.fireflyauth.testkit.TestSourceContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS error texts are peer text: an endpoint that echoes our signed request (headers and body) into its error
 * message must not get the SigV4 signature, the AWS secret access key or session token, or a client secret into
 * our exception messages or logs.
 */
class AwsPeerTextTest extends StubbedSourceTest {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";
  private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEFIREFLYSESSIONTOKENxyz";
  private static final String OLD = "old-client-secret-value";
  private static final String NEW = "new-client-secret-value";

  private final LogCapture logs = LogCapture.start();

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  private void useSessionCredentials() {
    source.close();
    source = new AwsSecretsCredentialSource(TestAws.factory(StaticCredentialsProvider.create(
        AwsSessionCredentials.create(TestAws.ACCESS_KEY_ID, TestAws.SECRET_ACCESS_KEY, SESSION_TOKEN)), b -> {}));
  }

  private void assertClean(Throwable e) {
    List<String> texts = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
    texts.add(logs.text());
    for (String text : texts) {
      for (String forbidden : List.of("AWS4-HMAC-SHA256", "Signature=", TestAws.SECRET_ACCESS_KEY, SESSION_TOKEN,
          OLD, NEW)) {
        assertFalse(text.contains(forbidden), "'" + forbidden + "' in: " + text);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"InvalidRequestException", "AccessDeniedException", "UnrecognizedClientException",
      "InternalServiceError"})
  void anEchoedReadRequestLeavesNoCredentialInTheMessage(String type) {
    useSessionCredentials();
    aws.echo(SecretsManagerStub.TARGET, type.equals("InternalServiceError") ? 500 : 400, type);
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), LOCATOR, time);
    FireflyAuthException e = assertThrows(FireflyAuthException.class, () -> source.load(ctx));
    assertTrue(e.getMessage().contains("you sent: {\"SecretId\":\"prod/firefly\""), "the echo arrived: " + e.getMessage());
    assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
    assertClean(e);
  }

  @Test
  void anEchoedWriteLeavesNoClientSecretInTheMessage() {
    aws.store("{\"client_id\":\"id\",\"client_secret\":\"" + OLD + "\"}", false);
    aws.echo(SecretsManagerStub.PUT_TARGET, 400, "AccessDeniedException");
    SecretWriteBack w = source.writeBack(TestSourceContext.of(TestAws.settings(aws), LOCATOR, time)).orElseThrow();
    FireflyAuthException e = assertThrows(FireflyAuthException.class, () -> w.write(Secret.of(NEW), Secret.of(OLD)));
    assertTrue(e.getMessage().startsWith("access denied writing secret prod/firefly (us-east-1, AWSCURRENT): the AWS"
        + " identity (access key ID " + TestAws.ACCESS_KEY_ID + ") needs IAM permission secretsmanager:PutSecretValue"
        + " on prod/firefly (AWS: AccessDeniedException: you sent: {\"SecretId\":\"prod/firefly\""), e.getMessage());
    assertClean(e);
  }

  @Test
  void anAwsSecretAccessKeyInAnErrorTextIsStripped() {
    aws.error(400, "InvalidRequestException", "your key is " + TestAws.SECRET_ACCESS_KEY + " and you are late");
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), LOCATOR, time);
    FireflyAuthException e = assertThrows(FireflyAuthException.class, () -> source.load(ctx));
    assertTrue(e.getMessage().contains("your key is [redacted] and you are late"), e.getMessage());
    assertClean(e);
  }

  @Test
  void aLineBreakInAnErrorTextCannotForgeALine() {
    aws.answer(aResponse().withStatus(400).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody("{\"__type\":\"InvalidRequestException\",\"message\":\"bad\\nERROR fake line\"}"));
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), LOCATOR, time);
    FireflyAuthException e = assertThrows(FireflyAuthException.class, () -> source.load(ctx));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains("bad ERROR fake line"), e.getMessage());
  }

  @Test
  void aHugeErrorTextIsCut() {
    aws.error(400, "InvalidRequestException", "x ".repeat(5000));
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), LOCATOR, time);
    FireflyAuthException e = assertThrows(FireflyAuthException.class, () -> source.load(ctx));
    assertTrue(e.getMessage().length() < 600, e.getMessage().length() + " characters");
    assertEquals(1, aws.count());
  }
}

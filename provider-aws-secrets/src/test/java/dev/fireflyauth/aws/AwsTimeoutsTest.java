package dev.fireflyauth.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.testkit.TestSourceContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A Secrets Manager (or proxy) that stalls or trickles its answer cannot hold a load: each attempt and the whole
 * call are bounded, on our clients and on an application's; and {@code close()} releases a thread blocked in a
 * load. The {@code @Timeout}s only keep a regression from hanging the build; the tests assert counts and kinds.
 */
class AwsTimeoutsTest extends StubbedSourceTest {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";
  private static final String BODY =
      "{\"Name\":\"prod/firefly\",\"SecretString\":\"{\\\"client_id\\\":\\\"id\\\",\\\"client_secret\\\":\\\"s\\\"}\"}";

  /** Headers at once, then the body a few bytes at a time over a minute. */
  private static ResponseDefinitionBuilder trickling() {
    return aResponse().withStatus(200).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody(BODY).withChunkedDribbleDelay(BODY.length(), 60_000);
  }

  private FireflyAuthException failWith(String... settings) {
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws, settings), LOCATOR, time);
    return assertThrows(FireflyAuthException.class, () -> source.load(ctx));
  }

  @Test
  @Timeout(30)
  void aTricklingBodyIsCutByTheAttemptTimeoutAndRetried() {
    aws.answer(trickling());
    FireflyAuthException e = failWith("FIREFLY_AWS_ATTEMPT_TIMEOUT", "0.3", "FIREFLY_AWS_TIMEOUT", "60");
    assertInstanceOf(TransientException.class, e, e.toString());
    assertTrue(e.getMessage().contains("no complete answer from AWS Secrets Manager at " + aws.url()
        + " reading secret prod/firefly (us-east-1, AWSCURRENT) after 3 attempts within the timeouts (each attempt at"
        + " most 0.3 s (FIREFLY_AWS_ATTEMPT_TIMEOUT / firefly.aws.attempt.timeout), the call with retries at most"
        + " 60 s (FIREFLY_AWS_TIMEOUT / firefly.aws.timeout))"), e.getMessage());
    assertEquals(TestAws.ATTEMPTS, aws.count());
  }

  @Test
  @Timeout(30)
  void theCallTimeoutBoundsTheRetriesToo() {
    aws.answer(trickling());
    FireflyAuthException e = failWith("FIREFLY_AWS_ATTEMPT_TIMEOUT", "30", "FIREFLY_AWS_TIMEOUT", "0.5");
    assertInstanceOf(TransientException.class, e, e.toString());
    assertTrue(e.getMessage().contains("within the timeouts"), e.getMessage());
    assertEquals(1, aws.count(), "the whole call ended inside the first attempt");
  }

  @Test
  @Timeout(30)
  void stalledHeadersAreCutToo() {
    aws.answer(aResponse().withStatus(200).withFixedDelay(60_000).withBody(BODY));
    FireflyAuthException e = failWith("FIREFLY_AWS_ATTEMPT_TIMEOUT", "0.3", "FIREFLY_AWS_TIMEOUT", "60");
    assertInstanceOf(TransientException.class, e, e.toString());
    assertEquals(TestAws.ATTEMPTS, aws.count());
  }

  @Test
  @Timeout(30)
  void theTimeoutsHoldOnAnApplicationsClientToo() {
    aws.answer(trickling());
    // The application's client has no timeouts of its own (and an HTTP client that would wait an hour).
    try (SecretsManagerClient app = SecretsManagerClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(TestAws.credentials())
        .endpointOverride(URI.create(aws.url()))
        .httpClient(new JdkSdkHttpClient(HttpClient.newHttpClient(), Duration.ofHours(1)))
        .build()) {
      source.close();
      source = AwsSecretsCredentialSource.builder().client(app).build();
      FireflyAuthException e = failWith("FIREFLY_AWS_ATTEMPT_TIMEOUT", "30", "FIREFLY_AWS_TIMEOUT", "0.5");
      assertInstanceOf(TransientException.class, e, e.toString());
      assertTrue(e.getMessage().contains("within the timeouts"), e.getMessage());
    }
  }

  @Test
  @Timeout(60)
  void closeReleasesAThreadBlockedInALoad() throws Exception {
    aws.answer(aResponse().withStatus(200).withFixedDelay(60_000).withBody(BODY));
    Settings settings = TestAws.settings(aws, "FIREFLY_AWS_ATTEMPT_TIMEOUT", "PT1H", "FIREFLY_AWS_TIMEOUT", "PT1H");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> loading = pool.submit(() -> source.load(TestSourceContext.of(settings, LOCATOR, time)));
      for (int i = 0; i < 200 && aws.count() == 0; i++) {
        Thread.sleep(50); // until the request is on the wire
      }
      assertEquals(1, aws.count(), "the load is waiting for its answer");
      source.close();
      ExecutionException e = assertThrows(ExecutionException.class, () -> loading.get(20, TimeUnit.SECONDS));
      assertInstanceOf(CredentialSourceException.class, e.getCause(), e.getCause().toString());
      assertEquals("the aws-secrets source was closed during the load", e.getCause().getMessage());
      assertEquals(1, aws.count(), "not retried after close");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOversizedAnswerIsNotRead() {
    aws.answer(aResponse().withStatus(200).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody("{\"Name\":\"" + "x".repeat(JdkSdkHttpClient.MAX_REPLY_BYTES) + "\"}"));
    FireflyAuthException e = failWith();
    assertInstanceOf(TransientException.class, e, e.toString());
    assertTrue(e.getMessage().contains("is larger than 1048576 bytes"), e.getMessage());
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.testkit.TestSourceContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The TTL cache, rotation (re-load after a rejection) and single flight, counted in requests to WireMock. */
class AwsSecretsCachingTest extends StubbedSourceTest {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";

  private static String secretJson(String clientSecret) {
    return "{\"client_id\":\"my-client-id\",\"client_secret\":\"" + clientSecret + "\"}";
  }

  private static Secret secretOf(ClientCredentials c) {
    return c.secrets().get(0);
  }

  @Test
  void keptForAnHourByDefaultThenFetchedAgain() {
    aws.secretString(secretJson("old"));
    load(LOCATOR);
    time.advance(Duration.ofMinutes(59));
    load(LOCATOR);
    assertEquals(1, aws.count(), "inside the TTL: no second request");

    time.advance(Duration.ofMinutes(1));
    load(LOCATOR);
    assertEquals(2, aws.count(), "after the TTL: a second request");
  }

  @Test
  void ttlFromTheLocator() {
    aws.secretString(secretJson("old"));
    load(LOCATOR + "?ttl=PT30M");
    time.advance(Duration.ofMinutes(29));
    load(LOCATOR + "?ttl=PT30M");
    assertEquals(1, aws.count());
    time.advance(Duration.ofMinutes(1));
    load(LOCATOR + "?ttl=PT30M");
    assertEquals(2, aws.count());
  }

  @Test
  void ttlFromTheSetting() {
    aws.secretString(secretJson("old"));
    load(LOCATOR, "FIREFLY_AWS_CACHE_TTL", "PT5M");
    time.advance(Duration.ofMinutes(4));
    load(LOCATOR, "FIREFLY_AWS_CACHE_TTL", "PT5M");
    assertEquals(1, aws.count());
    time.advance(Duration.ofMinutes(2));
    load(LOCATOR, "FIREFLY_AWS_CACHE_TTL", "PT5M");
    assertEquals(2, aws.count());
  }

  @Test
  void zeroTtlFetchesEveryTime() {
    aws.secretString(secretJson("old"));
    load(LOCATOR + "?ttl=PT0S");
    load(LOCATOR + "?ttl=PT0S");
    assertEquals(2, aws.count());
  }

  @Test
  void aWallClockJumpChangesNothing() {
    aws.secretString(secretJson("old"));
    load(LOCATOR);
    time.jumpWallClock(Duration.ofDays(2));
    load(LOCATOR);
    assertEquals(1, aws.count());
  }

  @Test
  void differentSecretsAreCachedApart() {
    aws.secretString(secretJson("old"));
    load(LOCATOR);
    load(LOCATOR + "?stage=AWSPREVIOUS");
    load("firefly:aws-secrets:other");
    load(LOCATOR);
    assertEquals(3, aws.count());
  }

  @Test
  void refreshAfterRotationFetchesTheNewSecretInsideTheTtl() {
    aws.secretString(secretJson("old"));
    TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), LOCATOR, time);
    assertEquals(Secret.of("old"), secretOf(source.load(ctx).orElseThrow()));

    aws.secretString(secretJson("rotated"));
    time.advance(Duration.ofMinutes(1));
    assertEquals(Secret.of("old"), secretOf(source.load(ctx).orElseThrow()), "cached");
    assertEquals(Secret.of("rotated"), secretOf(source.load(ctx.bypassingCaches()).orElseThrow()));
    assertEquals(2, aws.count());
    assertEquals(Secret.of("rotated"), secretOf(source.load(ctx).orElseThrow()), "the new value is cached");
    assertEquals(2, aws.count());
  }

  @Test
  void fireflyAuthReloadAfterRejectionReadsTheStoreAgain() {
    aws.secretString(secretJson("old"));
    CapturingFactory factory = new CapturingFactory();
    try (FireflyAuth auth = FireflyAuth.builder()
        .classLoader(new URLClassLoader(new URL[0], null)) // only the source added below
        .addSource(source)
        .addTokenProviderFactory(factory)
        .settings(TestAws.settings(aws))
        .locators(LOCATOR)
        .timeSource(time)
        .build()) {
      auth.explain();
      CredentialsHandle handle = factory.handle;
      assertNotNull(handle);
      assertEquals(Secret.of("old"), secretOf(handle.get()));
      assertEquals("aws-secrets prod/firefly (us-east-1, AWSCURRENT)", handle.get().origin());

      aws.secretString(secretJson("rotated"));
      assertEquals(Secret.of("old"), secretOf(handle.reload(false)), "a plain re-load inside the TTL is cached");
      assertEquals(1, aws.count());
      assertEquals(Secret.of("rotated"), secretOf(handle.reload(true)));
      assertEquals(Secret.of("rotated"), secretOf(auth.credentials()));
      assertEquals(2, aws.count());
    }
  }

  @Test
  void fiftyConcurrentLoadsMakeOneRequest() throws Exception {
    // The delay keeps the first request open while the other threads arrive; the count is what is asserted.
    aws.answer(aResponse().withStatus(200).withFixedDelay(300)
        .withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody("{\"Name\":\"prod/firefly\",\"SecretString\":\"{\\\"client_id\\\":\\\"id\\\","
            + "\\\"client_secret\\\":\\\"s\\\"}\"}"));
    Settings settings = TestAws.settings(aws);
    int threads = 50;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ClientCredentials>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<ClientCredentials> task = () -> {
          start.await();
          return source.load(TestSourceContext.of(settings, LOCATOR, time)).orElseThrow();
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<ClientCredentials> f : results) {
        assertEquals("id", f.get(30, TimeUnit.SECONDS).clientId());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, aws.count());
    assertEquals(1, source.clientsBuilt());
  }

  @Test
  void concurrentLoadsAllSeeTheTypedFailure() throws Exception {
    aws.answer(aResponse().withStatus(400).withFixedDelay(300)
        .withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
        .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"not here\"}"));
    Settings settings = TestAws.settings(aws);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        results.add(pool.submit(() -> {
          start.await();
          try {
            source.load(TestSourceContext.of(settings, LOCATOR, time));
            return "loaded";
          } catch (RuntimeException e) {
            return e.getMessage();
          }
        }));
      }
      start.countDown();
      for (Future<String> f : results) {
        assertTrue(f.get(30, TimeUnit.SECONDS).contains("not found in us-east-1"));
      }
    } finally {
      pool.shutdownNow();
    }
    // The failure was shared, not fetched ten times (and not cached: the next load asks again).
    assertEquals(1, aws.count());
    assertThrows(RuntimeException.class, () -> source.load(TestSourceContext.of(settings, LOCATOR, time)));
    assertEquals(2, aws.count());
  }

  /** Captures the credentials handle FireflyAuth gives token providers (as provider-ims would use it). */
  private static final class CapturingFactory implements TokenProviderFactory {
    volatile CredentialsHandle handle;

    @Override
    public String name() {
      return "capture";
    }

    @Override
    public Optional<TokenProvider> create(TokenContext context) {
      handle = context.credentials();
      return context.notConfigured("captures the handle only");
    }
  }
}

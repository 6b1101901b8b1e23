package dev.fireflyauth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator and the meters, driven by real exchanges with the IMS emulator. */
class FireflyHealthAndMetricsTest {
  ImsEmulator ims;
  RegisteredClient client;

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FireflyAuthAutoConfiguration.class,
          FireflyHealthAutoConfiguration.class, FireflyMetricsAutoConfiguration.class))
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  @BeforeEach
  void startIms() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
  }

  @AfterEach
  void stopIms() {
    ims.close();
  }

  ApplicationContextRunner withSecret(String secret) {
    return runner.withPropertyValues("firefly.ims.url=" + ims.tokenUrl(),
        "firefly.services.client.id=" + client.clientId(), "firefly.services.client.secret=" + secret);
  }

  static Health health(org.springframework.context.ApplicationContext context) {
    return context.getBean("fireflyHealthIndicator", HealthIndicator.class).health();
  }

  static double count(MeterRegistry registry, String outcome) {
    return registry.get("firefly.auth.exchanges").tag("outcome", outcome).counter().count();
  }

  @Test
  void unknownBeforeTheFirstTokenAndUpWithSecondsToExpiryAfter() {
    withSecret(client.clientSecret()).run(context -> {
      Health before = health(context);
      assertEquals(Status.UNKNOWN, before.getStatus());
      assertEquals(Map.of("token", "none requested yet"), before.getDetails());
      health(context);
      assertEquals(0, ims.requestCount()); // a probe never asks for a token

      String authorization = context.getBean(FireflyAuth.class).headers().get("Authorization");
      Health after = health(context);

      assertEquals(Status.UP, after.getStatus());
      long seconds = ((Number) after.getDetails().get("expiresInSeconds")).longValue();
      assertThat(seconds).isBetween(86_000L, 86_399L);
      assertEquals("exchange", after.getDetails().get("source"));
      assertThat(after.getDetails()).containsKeys("expiresAt", "origin").doesNotContainKey("lastRefreshFailed");
      assertThat(after.toString()).doesNotContain(client.clientSecret())
          .doesNotContain(authorization.substring("Bearer ".length()));
      assertEquals(1, ims.requestCount());
    });
  }

  @Test
  void downWithTheFailureKindWhenThereIsNoTokenAndTheExchangeFailed() {
    String wrong = "not-the-secret-" + client.clientSecret().length();
    withSecret(wrong).run(context -> {
      assertThrows(CredentialsRejectedException.class, () -> context.getBean(FireflyAuth.class).token());

      Health health = health(context);

      assertEquals(Status.DOWN, health.getStatus());
      assertEquals(Map.of("error", "REJECTED", "consecutiveFailures", 1), health.getDetails());
      assertThat(health.toString()).doesNotContain(wrong);
    });
  }

  @Test
  void downForAnOutageWithTheTransientKind() {
    ims.faults().next(10).serverError(503);
    withSecret(client.clientSecret()).run(context -> {
      assertThrows(RuntimeException.class, () -> context.getBean(FireflyAuth.class).token());
      assertEquals("TRANSIENT", health(context).getDetails().get("error"));
      assertEquals(Status.DOWN, health(context).getStatus());
    });
  }

  @Test
  void theMetersCountSuccessesAndFailuresAndGaugeTheExpiry() {
    withSecret(client.clientSecret()).run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      FireflyAuth auth = context.getBean(FireflyAuth.class);
      for (int i = 0; i < 5; i++) {
        auth.headers();
      }

      assertEquals(1.0, count(registry, "success"));
      assertEquals(0.0, count(registry, "failure"));
      assertEquals(0.0, count(registry, "store"));
      assertEquals(1, registry.get("firefly.auth.exchange").tag("outcome", "success").timer().count());
      assertThat(registry.get("firefly.auth.token.expiry").gauge().value()).isBetween(86_000.0, 86_399.0);
    });
    withSecret("wrong").run(context -> {
      assertThrows(CredentialsRejectedException.class, () -> context.getBean(FireflyAuth.class).token());
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertEquals(1.0, count(registry, "failure"));
      assertEquals(1, registry.get("firefly.auth.exchange").tag("outcome", "failure").timer().count());
      assertThat(registry.get("firefly.auth.token.expiry").gauge().value()).isNaN();
    });
  }

  @Test
  void aTokenFromTheTokenStoreIsCountedAsStoreAndShownAsSuch(@TempDir Path dir) {
    ApplicationContextRunner shared = withSecret(client.clientSecret()).withPropertyValues("firefly.token.store=file:" + dir);
    shared.run(first -> first.getBean(FireflyAuth.class).token());
    shared.run(second -> {
      second.getBean(FireflyAuth.class).token();

      MeterRegistry registry = second.getBean(MeterRegistry.class);
      assertEquals(1.0, count(registry, "store"));
      assertEquals(0.0, count(registry, "success"));
      assertEquals("store", health(second).getDetails().get("source"));
    });
    assertEquals(1, ims.requestCount()); // the second app took the first one's token
  }
}

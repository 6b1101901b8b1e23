package dev.fireflyauth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.cache.TokenCacheListener;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.reactive.function.client.WebClient;

/** Every condition of the auto-configuration, with a real IMS emulator where a token is needed. */
class FireflyAuthAutoConfigurationTest {
  static ImsEmulator ims;
  static RegisteredClient client;

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FireflyAuthAutoConfiguration.class,
          FireflyHealthAutoConfiguration.class, FireflyMetricsAutoConfiguration.class));

  @BeforeAll
  static void startIms() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
  }

  @AfterAll
  static void stopIms() {
    ims.close();
  }

  static String[] imsProperties() {
    return new String[] {
      "firefly.ims.url=" + ims.tokenUrl(),
      "firefly.services.client.id=" + client.clientId(),
      "firefly.services.client.secret=" + client.clientSecret()
    };
  }

  @Test
  void createsEveryBeanByDefault() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Settings.class).hasSingleBean(FireflyAuth.class)
          .hasSingleBean(FireflyAuthState.class).hasSingleBean(FireflyClientHttpRequestInterceptor.class)
          .hasSingleBean(FireflyExchangeFilterFunction.class).hasSingleBean(FireflyHealthIndicator.class)
          .hasBean("fireflyRestClientCustomizer").hasBean("fireflyRestTemplateCustomizer")
          .hasBean("fireflyWebClientCustomizer").hasBean("fireflyHealthIndicator");
      assertThat(context.getBean("fireflyRestClientCustomizer")).isInstanceOf(RestClientCustomizer.class);
      assertThat(context.getBean("fireflyRestTemplateCustomizer")).isInstanceOf(RestTemplateCustomizer.class);
      assertThat(context.getBean("fireflyWebClientCustomizer")).isInstanceOf(WebClientCustomizer.class);
      // No MeterRegistry in this context: no meters.
      assertThat(context).doesNotHaveBean(FireflyAuthMetrics.class);
    });
  }

  @Test
  void everySettingIsReadFromTheEnvironmentUnderItsPropertyName() {
    runner.withPropertyValues(imsProperties()).run(context -> {
      FireflyAuth auth = context.getBean(FireflyAuth.class);
      assertThat(ims.isValidAuthorization(auth.headers().get("Authorization"))).isTrue();
      assertEquals(client.clientId(), auth.credentials().clientId());
      assertEquals("Spring property firefly.services.client.id",
          context.getBean(Settings.class).get(Setting.CLIENT_ID).orElseThrow().where());
    });
  }

  @Test
  void environmentVariablesWorkThroughRelaxedBinding() {
    runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("test-environment", Map.of(
                "FIREFLY_IMS_URL", ims.tokenUrl().toString(),
                "FIREFLY_SERVICES_CLIENT_ID", client.clientId(),
                "FIREFLY_SERVICES_CLIENT_SECRET", client.clientSecret(),
                "FIREFLY_HTTP_HOSTS", "*.example.com"))))
        .run(context -> {
          FireflyAuth auth = context.getBean(FireflyAuth.class);
          assertThat(ims.isValidAuthorization(auth.headers().get("Authorization"))).isTrue();
          Settings settings = context.getBean(Settings.class);
          assertEquals(Settings.Value.Origin.LOOKUP, settings.get(Setting.CLIENT_SECRET).orElseThrow().origin());
          assertEquals("Spring property firefly.http.hosts",
              context.getBean(FireflyClientHttpRequestInterceptor.class).toString()
                  .replaceAll(".* from (.*)}", "$1"));
          assertThat(context.getBean(FireflyClientHttpRequestInterceptor.class).toString()).contains("*.example.com");
        });
  }

  @Test
  void aMalformedHostListStopsTheContextNamingTheSpringProperty() {
    runner.withPropertyValues("firefly.http.hosts=*.adobe.io, *").run(context -> {
      assertThat(context).hasFailed();
      Throwable root = context.getStartupFailure();
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertThat(root).isInstanceOf(ConfigurationException.class).hasMessage(
          "Spring property firefly.http.hosts: '*' is not a host pattern: '*' is allowed only as a leading '*.'"
              + " (as in *.adobe.io)");
    });
  }

  @Test
  void aBrokenLibrarySettingIsReportedUnderItsSpringPropertyName() {
    runner.withPropertyValues("firefly.ims.url=http://ims.example.com/ims/token/v3",
        "firefly.services.client.id=" + client.clientId(), "firefly.services.client.secret=" + client.clientSecret())
        .run(context -> {
          ConfigurationException e =
              assertThrows(ConfigurationException.class, () -> context.getBean(FireflyAuth.class).token());
          assertThat(e.getMessage()).startsWith("Spring property firefly.ims.url (FIREFLY_IMS_URL / firefly.ims.url) is 'http://ims.example.com")
              .doesNotContain(client.clientSecret());
        });
  }

  @Test
  void theAppsOwnBeansWin() {
    Settings own = Settings.builder().put(Setting.CLIENT_ID, "own-client").build();
    FireflyAuth ownAuth = FireflyAuth.builder().settings(own).build();
    runner.withBean("ownSettings", Settings.class, () -> own)
        .withBean("ownAuth", FireflyAuth.class, () -> ownAuth)
        .withBean("ownInterceptor", FireflyClientHttpRequestInterceptor.class,
            () -> new FireflyClientHttpRequestInterceptor(ownAuth, own))
        .withBean("ownFilter", FireflyExchangeFilterFunction.class, () -> new FireflyExchangeFilterFunction(ownAuth, own))
        .withBean("ownState", FireflyAuthState.class, FireflyAuthState::new)
        .withBean("fireflyHealthIndicator", HealthIndicator.class, () -> () -> null)
        .run(context -> {
          assertSame(ownAuth, context.getBean(FireflyAuth.class));
          assertSame(own, context.getBean(Settings.class));
          assertThat(context).hasSingleBean(FireflyClientHttpRequestInterceptor.class)
              .hasSingleBean(FireflyExchangeFilterFunction.class).hasSingleBean(FireflyAuthState.class)
              .hasBean("ownInterceptor").hasBean("ownFilter").hasBean("ownState")
              .doesNotHaveBean(FireflyHealthIndicator.class);
        });
    ownAuth.close();
  }

  @Test
  void theAppsSettingsBeanFeedsOurFireflyAuth() {
    Settings own = Settings.builder().put(Setting.IMS_URL, ims.tokenUrl().toString())
        .put(Setting.CLIENT_ID, client.clientId()).put(Setting.CLIENT_SECRET, client.clientSecret()).build();
    runner.withBean(Settings.class, () -> own).run(context ->
        assertEquals(client.clientId(), context.getBean(FireflyAuth.class).credentials().clientId()));
  }

  @Test
  void withoutSpringWebThereIsNoInterceptor() {
    runner.withClassLoader(new FilteredClassLoader(ClientHttpRequestInterceptor.class)).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(FireflyAuth.class)
          .doesNotHaveBean(FireflyClientHttpRequestInterceptor.class)
          .doesNotHaveBean("fireflyRestClientCustomizer").doesNotHaveBean("fireflyRestTemplateCustomizer")
          .hasSingleBean(FireflyExchangeFilterFunction.class);
    });
  }

  @Test
  void withoutWebFluxThereIsNoFilter() {
    runner.withClassLoader(new FilteredClassLoader(WebClient.class)).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(FireflyClientHttpRequestInterceptor.class)
          .doesNotHaveBean(FireflyExchangeFilterFunction.class).doesNotHaveBean("fireflyWebClientCustomizer");
    });
  }

  @Test
  void withoutSpringBootsCustomizersThereAreNoCustomizers() {
    runner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class, RestTemplateCustomizer.class,
            WebClientCustomizer.class))
        .run(context -> assertThat(context).hasNotFailed()
            .hasSingleBean(FireflyClientHttpRequestInterceptor.class).hasSingleBean(FireflyExchangeFilterFunction.class)
            .doesNotHaveBean("fireflyRestClientCustomizer").doesNotHaveBean("fireflyRestTemplateCustomizer")
            .doesNotHaveBean("fireflyWebClientCustomizer"));
  }

  @Test
  void withoutActuatorThereIsNoHealthIndicator() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
        assertThat(context).hasNotFailed().hasSingleBean(FireflyAuth.class)
            .doesNotHaveBean(FireflyHealthIndicator.class));
  }

  @Test
  void theHealthIndicatorCanBeSwitchedOff() {
    runner.withPropertyValues("management.health.firefly.enabled=false").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(FireflyHealthIndicator.class));
    runner.withPropertyValues("management.health.defaults.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(FireflyHealthIndicator.class));
  }

  @Test
  void withoutMicrometerThereAreNoMeters() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context ->
        assertThat(context).hasNotFailed().hasSingleBean(FireflyAuth.class).doesNotHaveBean(FireflyAuthMetrics.class));
  }

  @Test
  void withAMeterRegistryTheMetersAreRegistered() {
    runner.withBean(MeterRegistry.class, io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .run(context -> {
          assertThat(context).hasSingleBean(FireflyAuthMetrics.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertEquals(0.0, registry.get("firefly.auth.exchanges").tag("outcome", "success").counter().count());
          assertThat(registry.get("firefly.auth.token.expiry").gauge().value()).isNaN();
        });
  }

  @Test
  void everyTokenCacheListenerBeanIsRegistered() {
    List<AccessToken> refreshed = new CopyOnWriteArrayList<>();
    TokenCacheListener mine = new TokenCacheListener() {
      @Override
      public void onRefresh(AccessToken token, Duration took) {
        refreshed.add(token);
      }
    };
    runner.withPropertyValues(imsProperties()).withBean("myListener", TokenCacheListener.class, () -> mine)
        .run(context -> {
          AccessToken token = context.getBean(FireflyAuth.class).token();
          assertEquals(1, refreshed.size());
          assertThat(refreshed.get(0).sameValueAs(token)).isTrue();
        });
  }

  @Test
  void theFireflyAuthBeanIsClosedWithTheContext() {
    FireflyAuth[] auth = new FireflyAuth[1];
    runner.withPropertyValues(imsProperties()).run(context -> {
      auth[0] = context.getBean(FireflyAuth.class);
      auth[0].token();
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, auth[0]::token);
    assertEquals("this FireflyAuth is closed", e.getMessage());
  }
}

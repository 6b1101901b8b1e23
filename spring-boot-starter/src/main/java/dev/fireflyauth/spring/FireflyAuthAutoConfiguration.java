package dev.fireflyauth.spring;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.cache.TokenCacheListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of Firefly Auth for Spring Boot 3.5: a {@link FireflyAuth} bean that reads every setting from
 * the Spring {@link Environment} under its system-property name, and the two Firefly headers on the
 * {@code RestClient}, {@code RestTemplate} and {@code WebClient} builders Spring Boot creates, for the hosts in
 * {@code firefly.http.hosts} only.
 *
 * <p>Why it exists: without it every app writes the same glue (settings mapped name by name, an interceptor, a
 * blocking call wrapped for WebClient) and gets it subtly wrong. Every bean backs off when the app defines its own
 * of the same type; every {@link TokenCacheListener} bean is registered on the {@code FireflyAuth} bean.
 */
@AutoConfiguration
public class FireflyAuthAutoConfiguration {

  /**
   * Settings read from the Spring Environment by system-property name ({@code firefly.services.client.id}), so
   * every property source, profile and relaxed environment variable ({@code FIREFLY_SERVICES_CLIENT_ID}) works,
   * then from system properties and environment variables. Messages say "Spring property …".
   */
  @Bean
  @ConditionalOnMissingBean
  public Settings fireflySettings(Environment environment) {
    return Settings.builder().lookup("Spring property", environment::getProperty).fromSystem().build();
  }

  /** The token cache's state for health and metrics; registered on the {@code FireflyAuth} bean as a listener. */
  @Bean
  @ConditionalOnMissingBean
  public FireflyAuthState fireflyAuthState() {
    return new FireflyAuthState();
  }

  /** The entry point, closed with the context; discovery runs now, the first exchange on first use. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public FireflyAuth fireflyAuth(Settings fireflySettings, ObjectProvider<TokenCacheListener> listeners) {
    FireflyAuth.Builder builder = FireflyAuth.builder().settings(fireflySettings);
    listeners.orderedStream().forEach(builder::listener);
    return builder.build();
  }

  /** {@code RestClient} and {@code RestTemplate}: present when spring-web is. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ClientHttpRequestInterceptor.class)
  static class Blocking {
    @Bean
    @ConditionalOnMissingBean
    public FireflyClientHttpRequestInterceptor fireflyClientHttpRequestInterceptor(
        FireflyAuth auth, Settings fireflySettings) {
      return new FireflyClientHttpRequestInterceptor(auth, fireflySettings);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RestClient.class, RestClientCustomizer.class})
    static class RestClients {
      @Bean
      @ConditionalOnMissingBean(name = "fireflyRestClientCustomizer")
      public RestClientCustomizer fireflyRestClientCustomizer(FireflyClientHttpRequestInterceptor interceptor) {
        return builder -> builder.requestInterceptor(interceptor);
      }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RestTemplate.class, RestTemplateCustomizer.class})
    static class RestTemplates {
      @Bean
      @ConditionalOnMissingBean(name = "fireflyRestTemplateCustomizer")
      public RestTemplateCustomizer fireflyRestTemplateCustomizer(FireflyClientHttpRequestInterceptor interceptor) {
        return restTemplate -> restTemplate.getInterceptors().add(interceptor);
      }
    }
  }

  /** {@code WebClient}: present when spring-webflux is. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(WebClient.class)
  static class Reactive {
    @Bean
    @ConditionalOnMissingBean
    public FireflyExchangeFilterFunction fireflyExchangeFilterFunction(FireflyAuth auth, Settings fireflySettings) {
      return new FireflyExchangeFilterFunction(auth, fireflySettings);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebClientCustomizer.class)
    static class WebClients {
      @Bean
      @ConditionalOnMissingBean(name = "fireflyWebClientCustomizer")
      public WebClientCustomizer fireflyWebClientCustomizer(FireflyExchangeFilterFunction filter) {
        return builder -> builder.filter(filter);
      }
    }
  }
}

package dev.fireflyauth.spring;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code firefly} health indicator, when Spring Boot Actuator is on the class path and
 * {@code management.health.firefly.enabled} is not {@code false}.
 *
 * <p>Why it exists apart from {@link FireflyAuthAutoConfiguration}: Actuator is optional; its classes are only
 * referenced behind this class's conditions.
 */
@AutoConfiguration(after = FireflyAuthAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(FireflyAuthState.class)
@ConditionalOnEnabledHealthIndicator("firefly")
public class FireflyHealthAutoConfiguration {

  /** Named so that the component is {@code firefly} in {@code /actuator/health}. */
  @Bean
  @ConditionalOnMissingBean(name = "fireflyHealthIndicator")
  public FireflyHealthIndicator fireflyHealthIndicator(FireflyAuthState state) {
    return new FireflyHealthIndicator(state);
  }
}

package dev.fireflyauth.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the token cache ({@link FireflyAuthMetrics}) when Micrometer is on the class path and the
 * app has a {@link MeterRegistry} (Actuator provides one).
 *
 * <p>Why it exists apart from {@link FireflyAuthAutoConfiguration}: Micrometer is optional, and the registry must
 * be defined before the condition on it is evaluated, so this runs after Boot's metrics auto-configuration.
 */
@AutoConfiguration(
    after = FireflyAuthAutoConfiguration.class,
    afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, FireflyAuthState.class})
public class FireflyMetricsAutoConfiguration {

  /** A listener bean: the {@code FireflyAuth} bean registers it. */
  @Bean
  @ConditionalOnMissingBean
  public FireflyAuthMetrics fireflyAuthMetrics(MeterRegistry registry, FireflyAuthState state) {
    return new FireflyAuthMetrics(registry, state);
  }
}

package dev.fireflyauth.testing;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SourceContext} for calling a credential source directly in its unit tests: explicit settings, an
 * optional locator, a clock, and a record of the skip reason and warnings. Shared by every provider's tests
 * through api's test jar.
 */
public final class TestSourceContext implements SourceContext {
  private final Settings settings;
  private final Locator locator;
  private final TimeSource time;
  private final boolean bypassCaches;
  private final List<String> warnings = new ArrayList<>();
  private String reason;

  private TestSourceContext(Settings settings, Locator locator, TimeSource time, boolean bypassCaches) {
    this.settings = settings;
    this.locator = locator;
    this.time = time;
    this.bypassCaches = bypassCaches;
  }

  /** The default chain (no locator), a fresh fake clock. */
  public static TestSourceContext of(Settings settings) {
    return of(settings, null);
  }

  /** {@code locator} (null: the default chain), a fresh fake clock. */
  public static TestSourceContext of(Settings settings, String locator) {
    return of(settings, locator, new FakeTimeSource());
  }

  /** {@code locator} (null: the default chain) and {@code time}. */
  public static TestSourceContext of(Settings settings, String locator, TimeSource time) {
    return new TestSourceContext(settings, locator == null ? null : Locator.parse(locator), time, false);
  }

  /** The same settings, locator and clock, asking the source to bypass its caches (as after a rejection). */
  public TestSourceContext bypassingCaches() {
    return new TestSourceContext(settings, locator, time, true);
  }

  /** The reason given to {@link #notConfigured(String)}, or null. */
  public String reason() {
    return reason;
  }

  /** The warnings given to {@link #warn(String)}, in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public Optional<Locator> locator() {
    return Optional.ofNullable(locator);
  }

  @Override
  public TimeSource time() {
    return time;
  }

  @Override
  public boolean bypassCaches() {
    return bypassCaches;
  }

  @Override
  public Optional<ClientCredentials> notConfigured(String reason) {
    this.reason = reason;
    return Optional.empty();
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }
}

package dev.fireflyauth.testkit;

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
 * optional locator, a clock, and a record of the skip reason and warnings.
 *
 * <p>Why it exists: a third-party source (a vault of your own, a configuration service) is tested the way ours
 * are: {@code source.load(TestSourceContext.of(settings, "firefly:mine:x"))}, then assert the credentials, or the
 * {@link #reason()} it gave for not being configured, or the {@link #warnings()} it raised; and
 * {@link #bypassingCaches()} for the load after a rejection. Not thread-safe: one context per test.
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

package dev.fireflyauth.aws;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link SourceContext} for calling the source directly: explicit settings, optional locator, a clock. */
final class TestContext implements SourceContext {
  private final Settings settings;
  private final Locator locator;
  private final TimeSource time;
  private final boolean refresh;
  final List<String> warnings = new ArrayList<>();
  String reason;

  TestContext(Settings settings, String locator, TimeSource time, boolean refresh) {
    this.settings = settings;
    this.locator = locator == null ? null : Locator.parse(locator);
    this.time = time;
    this.refresh = refresh;
  }

  /** A context with {@code settings} and a locator, or none when {@code locator} is null. */
  static TestContext of(Settings settings, String locator, TimeSource time) {
    return new TestContext(settings, locator, time, false);
  }

  /** The same context, asking the source to bypass its cache (after a rejection). */
  TestContext refreshing() {
    return new TestContext(settings, locator == null ? null : locator.toString(), time, true);
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
  public boolean refresh() {
    return refresh;
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

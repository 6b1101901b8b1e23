package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.testing.FakeTimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link SourceContext} for unit tests: fixed settings and locator, records the skip reason and warnings. */
final class TestContext implements SourceContext {
  private final Settings settings;
  private final Locator locator;
  private final boolean refresh;
  final List<String> warnings = new ArrayList<>();
  String reason;

  TestContext(Settings settings, Locator locator, boolean refresh) {
    this.settings = settings;
    this.locator = locator;
    this.refresh = refresh;
  }

  static TestContext of(Settings settings) {
    return new TestContext(settings, null, false);
  }

  static TestContext of(Settings settings, String locator) {
    return new TestContext(settings, Locator.parse(locator), false);
  }

  /** The same settings and locator, asking the source to bypass its cache (as after a rejection). */
  TestContext refreshing() {
    return new TestContext(settings, locator, true);
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
    return new FakeTimeSource();
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

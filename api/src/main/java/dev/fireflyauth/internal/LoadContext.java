package dev.fireflyauth.internal;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.SourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@link SourceContext} of one {@code load} call; records the skip reason and warnings for the trace. */
final class LoadContext implements SourceContext {
  private final Settings settings;
  private final Locator locator;
  private final TimeSource time;
  private final boolean bypassCaches;
  private final Consumer<String> warnings;
  private final List<String> notes = new ArrayList<>();
  private String reason;

  LoadContext(Settings settings, Locator locator, TimeSource time, boolean bypassCaches, Consumer<String> warnings) {
    this.settings = settings;
    this.locator = locator;
    this.time = time;
    this.bypassCaches = bypassCaches;
    this.warnings = warnings;
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
  public synchronized void warn(String message) {
    notes.add(message);
    warnings.accept(message);
  }

  String reason() {
    return reason == null ? "not configured" : reason;
  }

  synchronized List<String> notes() {
    return List.copyOf(notes);
  }
}

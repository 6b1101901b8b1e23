package dev.fireflyauth;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Layered look-up of settings: explicit values first, then an optional look-up function (a Spring
 * {@code Environment}, a configuration service), then Java system properties, then environment variables.
 *
 * <p>Why it exists: a library must be configurable without touching the process environment (an app that
 * embeds us passes explicit values; a test passes a fake environment), and every value must say where it was
 * read so an error can point there. {@link #system()} reads the real system properties and environment at
 * each look-up; {@link #builder()} makes an isolated set for tests and embedders.
 *
 * <p>Values are trimmed; a blank value counts as not set (CI systems often define empty variables).
 * Immutable and thread-safe.
 */
public final class Settings {
  private static final Settings SYSTEM =
      new Settings(Map.of(), null, null, System::getProperty, System::getenv);

  private final Map<String, String> explicit;
  private final Function<String, String> lookup;
  private final String lookupName;
  private final Function<String, String> properties;
  private final Function<String, String> environment;

  private Settings(
      Map<String, String> explicit,
      Function<String, String> lookup,
      String lookupName,
      Function<String, String> properties,
      Function<String, String> environment) {
    this.explicit = explicit;
    this.lookup = lookup;
    this.lookupName = lookupName;
    this.properties = properties;
    this.environment = environment;
  }

  /** The real system properties and environment variables, read at each look-up. */
  public static Settings system() {
    return SYSTEM;
  }

  /** An isolated set; by default with no system properties and no environment variables. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The value of {@code setting}: explicit (by property or variable name), else the look-up function (by
   * property name), else the system property, else the environment variable.
   */
  public Optional<Value> get(Setting setting) {
    Optional<Value> v = explicit(setting.property());
    if (v.isEmpty()) {
      v = explicit(setting.env());
    }
    if (v.isEmpty()) {
      v = property(setting.property());
    }
    if (v.isEmpty()) {
      v = env(setting.env());
    }
    return v;
  }

  /** The value of {@code setting} as a string, or empty. */
  public Optional<String> value(Setting setting) {
    return get(setting).map(Value::value);
  }

  /** An explicit value for {@code name}, else the look-up function's, else the system property {@code name}. */
  public Optional<Value> property(String name) {
    Optional<Value> v = explicit(name);
    if (v.isEmpty() && lookup != null) {
      v = read(lookup, name, lookupName + " ", Value.Origin.LOOKUP);
    }
    return v.isPresent() ? v : read(properties, name, "system property ", Value.Origin.SYSTEM_PROPERTY);
  }

  /** An explicit value for {@code name}, else the environment variable {@code name}. */
  public Optional<Value> env(String name) {
    Optional<Value> v = explicit(name);
    return v.isPresent() ? v : read(environment, name, "environment variable ", Value.Origin.ENVIRONMENT);
  }

  /**
   * A boolean setting: {@code true}/{@code false} in any case; empty when not set.
   *
   * @throws ConfigurationException naming the setting and where it was read when the value is anything else
   */
  public Optional<Boolean> flag(Setting setting) {
    Optional<Value> v = get(setting);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().value();
    if (s.equalsIgnoreCase("true")) {
      return Optional.of(Boolean.TRUE);
    }
    if (s.equalsIgnoreCase("false")) {
      return Optional.of(Boolean.FALSE);
    }
    throw new ConfigurationException(v.get().where() + " must be true or false, was '" + s + "'");
  }

  /**
   * A duration setting, written as seconds ({@code 10}, {@code 2.5}) or ISO-8601 ({@code PT10S}); empty when not
   * set. {@link #duration(Setting, Duration, Duration, Duration)} also checks a range.
   *
   * @throws ConfigurationException naming the setting and where it was read when the value is not a duration
   */
  public Optional<Duration> duration(Setting setting) {
    Optional<Value> v = get(setting);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parseDuration(v.get().value()).orElseThrow(() -> new ConfigurationException(
        v.get().where() + " must be a duration in seconds (10) or ISO-8601 (PT10S), was '" + v.get().value() + "'")));
  }

  /**
   * A duration setting that must lie from {@code min} to {@code max} (both included); {@code fallback} when not
   * set. The one range check and wording for every duration setting.
   *
   * @throws ConfigurationException naming the setting and where it was read when the value is not a duration
   *     ({@link #duration(Setting)}'s message) or out of range ({@code … must be from 1 ms to 1 h, was '0'})
   */
  public Duration duration(Setting setting, Duration fallback, Duration min, Duration max) {
    Optional<Duration> d = duration(setting);
    if (d.isEmpty()) {
      return fallback;
    }
    if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
      Value v = get(setting).orElseThrow();
      throw new ConfigurationException(v.where() + " must be from " + shown(min) + " to " + shown(max) + ", was '"
          + v.value() + "'");
    }
    return d.get();
  }

  /** {@code 250 ms}, {@code 30 s}, {@code 10 min}, {@code 1 h}: a bound as a message shows it. */
  private static String shown(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000 || ms % 1000 != 0) {
      return ms + " ms";
    }
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
  }

  /**
   * {@code text} as a duration, written as seconds ({@code 10}, {@code 2.5}) or ISO-8601 ({@code PT10S}), the one
   * syntax every duration setting and locator parameter accepts; empty when it is neither.
   */
  public static Optional<Duration> parseDuration(String text) {
    String s = text.trim();
    try {
      return Optional.of(s.toUpperCase(Locale.ROOT).replaceFirst("^[-+]", "").startsWith("P")
          ? Duration.parse(s)
          : Duration.ofNanos(new BigDecimal(s).movePointRight(9).longValueExact()));
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Optional<Value> explicit(String name) {
    return read(explicit::get, name, "setting ", Value.Origin.EXPLICIT);
  }

  private static Optional<Value> read(Function<String, String> f, String name, String kind, Value.Origin origin) {
    String raw = f.apply(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Value(name, raw.trim(), kind + name, origin));
  }

  @Override
  public String toString() {
    return this == SYSTEM
        ? "Settings.system()"
        : "Settings{explicit=" + explicit.keySet() + (lookup == null ? "" : ", lookup=" + lookupName) + '}';
  }

  /**
   * A value and where it was read. {@link #toString()} shows only where, since values may be secret.
   * Created by {@link Settings} only.
   */
  public static final class Value {
    /** Which layer of the {@link Settings} a value came from. */
    public enum Origin {
      /** Given to {@link Settings.Builder#put}. */
      EXPLICIT,
      /** Answered by the {@linkplain Settings.Builder#lookup look-up function}. */
      LOOKUP,
      /** A Java system property. */
      SYSTEM_PROPERTY,
      /** An environment variable. */
      ENVIRONMENT
    }

    private final String name;
    private final String value;
    private final String where;
    private final Origin origin;

    Value(String name, String value, String where, Origin origin) {
      this.name = name;
      this.value = value;
      this.where = where;
      this.origin = origin;
    }

    /** Which layer the value came from, for code that must tell them apart (never parse {@link #where()}). */
    public Origin origin() {
      return origin;
    }

    /** The name it was found under, e.g. {@code FIREFLY_CLIENT_ID}. */
    public String name() {
      return name;
    }

    /** The trimmed value. */
    public String value() {
      return value;
    }

    /** Where it was read, e.g. {@code environment variable FIREFLY_SERVICES_CLIENT_ID}. */
    public String where() {
      return where;
    }

    @Override
    public String toString() {
      return where;
    }
  }

  /** Builds isolated {@link Settings}; not thread-safe. */
  public static final class Builder {
    private final Map<String, String> explicit = new HashMap<>();
    private Function<String, String> lookup;
    private String lookupName;
    private Function<String, String> properties = name -> null;
    private Function<String, String> environment = name -> null;

    private Builder() {}

    /** An explicit value for {@code setting}, taking precedence over system properties and environment. */
    public Builder put(Setting setting, String value) {
      return put(setting.property(), value);
    }

    /** An explicit value under a property or variable name. */
    public Builder put(String name, String value) {
      explicit.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * A look-up consulted after the explicit values and before system properties and environment variables,
     * by system-property name ({@code firefly.services.client.id}), e.g. {@code environment::getProperty} in
     * Spring. It may return null or blank for "not set"; it must be thread-safe and must not block for long.
     * Messages say a value came from "look-up".
     *
     * @throws NullPointerException if {@code lookup} is null
     */
    public Builder lookup(Function<String, String> lookup) {
      return lookup("look-up", lookup);
    }

    /**
     * Like {@link #lookup(Function)}, naming the look-up in messages, e.g. {@code "Spring property"} makes a
     * message say "Spring property firefly.ims.url must be …".
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder lookup(String name, Function<String, String> lookup) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.lookup = Objects.requireNonNull(lookup, "lookup");
      this.lookupName = name.trim();
      return this;
    }

    /** Use these as the system properties (a snapshot is taken). */
    public Builder systemProperties(Properties props) {
      Properties copy = new Properties();
      copy.putAll(props);
      this.properties = copy::getProperty;
      return this;
    }

    /** Use these as the system properties. */
    public Builder systemProperties(Map<String, String> props) {
      Map<String, String> copy = Map.copyOf(props);
      this.properties = copy::get;
      return this;
    }

    /** Use these as the environment variables. */
    public Builder environment(Map<String, String> env) {
      Map<String, String> copy = Map.copyOf(env);
      this.environment = copy::get;
      return this;
    }

    /** Read the real system properties and environment variables behind the explicit values. */
    public Builder fromSystem() {
      this.properties = System::getProperty;
      this.environment = System::getenv;
      return this;
    }

    public Settings build() {
      return new Settings(Map.copyOf(explicit), lookup, lookupName, properties, environment);
    }
  }
}

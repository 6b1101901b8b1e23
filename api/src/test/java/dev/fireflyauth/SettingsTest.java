package dev.fireflyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void explicitWinsOverSystemPropertyWhichWinsOverEnvironment() {
    Settings all = Settings.builder()
        .put(Setting.CLIENT_ID, "explicit")
        .systemProperties(Map.of("firefly.services.client.id", "property"))
        .environment(Map.of("FIREFLY_SERVICES_CLIENT_ID", "env"))
        .build();
    assertEquals("explicit", all.value(Setting.CLIENT_ID).orElseThrow());
    assertEquals("setting firefly.services.client.id", all.get(Setting.CLIENT_ID).orElseThrow().where());

    Settings noExplicit = Settings.builder()
        .systemProperties(Map.of("firefly.services.client.id", "property"))
        .environment(Map.of("FIREFLY_SERVICES_CLIENT_ID", "env"))
        .build();
    assertEquals("property", noExplicit.value(Setting.CLIENT_ID).orElseThrow());
    assertEquals("system property firefly.services.client.id",
        noExplicit.get(Setting.CLIENT_ID).orElseThrow().where());

    Settings envOnly = Settings.builder().environment(Map.of("FIREFLY_SERVICES_CLIENT_ID", " env \n")).build();
    assertEquals("env", envOnly.value(Setting.CLIENT_ID).orElseThrow());
    assertEquals("environment variable FIREFLY_SERVICES_CLIENT_ID",
        envOnly.get(Setting.CLIENT_ID).orElseThrow().where());
  }

  @Test
  void explicitValueMayUseTheVariableName() {
    Settings s = Settings.builder().put("FIREFLY_SERVICES_CLIENT_ID", "x").build();
    assertEquals("x", s.value(Setting.CLIENT_ID).orElseThrow());
  }

  @Test
  void blankCountsAsNotSet() {
    Settings s = Settings.builder().environment(Map.of("FIREFLY_SERVICES_CLIENT_ID", "  ")).build();
    assertTrue(s.get(Setting.CLIENT_ID).isEmpty());
  }

  @Test
  void anIsolatedBuilderSeesNothingOfTheRealProcess() {
    Settings s = Settings.builder().build();
    assertTrue(s.property("java.version").isEmpty());
    assertTrue(s.env("PATH").isEmpty());
  }

  @Test
  void flags() {
    Settings s = Settings.builder().environment(Map.of("FIREFLY_FILE_STRICT", "TRUE")).build();
    assertEquals(Boolean.TRUE, s.flag(Setting.FILE_STRICT).orElseThrow());
    assertTrue(Settings.builder().build().flag(Setting.FILE_STRICT).isEmpty());
  }

  @Test
  void malformedFlagNamesTheSettingAndWhereItWasRead() {
    Settings s = Settings.builder().environment(Map.of("FIREFLY_FILE_STRICT", "yes please")).build();
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> s.flag(Setting.FILE_STRICT));
    assertEquals("environment variable FIREFLY_FILE_STRICT must be true or false, was 'yes please'", e.getMessage());
  }

  @Test
  void valueToStringShowsOnlyWhere() {
    Settings s = Settings.builder().put(Setting.CLIENT_SECRET, "hunter2-secret").build();
    assertEquals("setting firefly.services.client.secret", s.get(Setting.CLIENT_SECRET).orElseThrow().toString());
  }

  @Test
  void settingNamesAreThePublicContract() {
    assertEquals("FIREFLY_SERVICES_CLIENT_ID / firefly.services.client.id", Setting.CLIENT_ID.toString());
    assertEquals("FIREFLY_CREDENTIALS", Setting.CREDENTIALS.env());
    assertEquals("firefly.ims.url", Setting.IMS_URL.property());
  }

  @Test
  void fromSystemPutsExplicitValuesOverTheRealProcess() {
    Settings s = Settings.builder().fromSystem().put("user.home", "/explicit/home").build();
    assertEquals(System.getProperty("java.version"), s.property("java.version").orElseThrow().value());
    assertEquals("/explicit/home", s.property("user.home").orElseThrow().value());
  }

  @Test
  void durationsAreSecondsOrIso8601() {
    Settings s = Settings.builder()
        .put(Setting.of("a", "A"), "2.5").put(Setting.of("b", "B"), "PT1M").put(Setting.of("c", "C"), "ten").build();
    assertEquals(java.time.Duration.ofMillis(2500), s.duration(Setting.of("a", "A")).orElseThrow());
    assertEquals(java.time.Duration.ofMinutes(1), s.duration(Setting.of("b", "B")).orElseThrow());
    assertTrue(s.duration(Setting.of("d", "D")).isEmpty());
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> s.duration(Setting.of("c", "C")));
    assertEquals("setting c must be a duration in seconds (10) or ISO-8601 (PT10S), was 'ten'", e.getMessage());
  }

  @Test
  void aRangedDurationHasItsFallbackAndNamesBothBoundsWhenOutside() {
    java.time.Duration ms = java.time.Duration.ofMillis(1);
    java.time.Duration hour = java.time.Duration.ofHours(1);
    Settings s = Settings.builder().put(Setting.of("a", "A"), "2.5").put(Setting.of("zero", "ZERO"), "0")
        .put(Setting.of("long", "LONG"), "PT2H").put(Setting.of("short", "SHORT"), "0.05")
        .put(Setting.of("word", "WORD"), "soon").build();
    assertEquals(java.time.Duration.ofMillis(2500), s.duration(Setting.of("a", "A"), hour, ms, hour));
    assertEquals(hour, s.duration(Setting.of("unset", "UNSET"), hour, ms, hour));
    assertEquals(java.time.Duration.ofHours(2), s.duration(Setting.of("long", "LONG"), hour, ms, java.time.Duration.ofHours(2)),
        "max included");
    assertEquals("setting zero must be from 1 ms to 1 h, was '0'", assertThrows(ConfigurationException.class,
        () -> s.duration(Setting.of("zero", "ZERO"), hour, ms, hour)).getMessage());
    assertEquals("setting long must be from 1 ms to 1 h, was 'PT2H'", assertThrows(ConfigurationException.class,
        () -> s.duration(Setting.of("long", "LONG"), hour, ms, hour)).getMessage());
    assertEquals("setting short must be from 100 ms to 10 min, was '0.05'", assertThrows(ConfigurationException.class,
        () -> s.duration(Setting.of("short", "SHORT"), hour, java.time.Duration.ofMillis(100),
            java.time.Duration.ofMinutes(10))).getMessage());
    assertEquals("setting word must be a duration in seconds (10) or ISO-8601 (PT10S), was 'soon'",
        assertThrows(ConfigurationException.class, () -> s.duration(Setting.of("word", "WORD"), hour, ms, hour))
            .getMessage());
  }
}

package dev.fireflyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The look-up layer an embedder plugs in (Spring's {@code Environment::getProperty}), and where values came from. */
class SettingsLookupTest {
  private static final Map<String, String> SPRING = Map.of(
      "firefly.services.client.id", "from-spring", "firefly.ims.url", "https://ims.example/t");

  @Test
  void theLookUpSitsBetweenExplicitValuesAndSystemProperties() {
    Settings s = Settings.builder()
        .put(Setting.IMS_URL, "https://explicit.example/t")
        .lookup("Spring property", SPRING::get)
        .systemProperties(Map.of("firefly.services.client.id", "from-property", "firefly.profile", "p"))
        .environment(Map.of("FIREFLY_SERVICES_CLIENT_ID", "from-env", "FIREFLY_PROFILE", "e"))
        .build();
    assertEquals("https://explicit.example/t", s.value(Setting.IMS_URL).orElseThrow());
    Settings.Value id = s.get(Setting.CLIENT_ID).orElseThrow();
    assertEquals("from-spring", id.value());
    assertEquals("Spring property firefly.services.client.id", id.where());
    assertEquals(Settings.Value.Origin.LOOKUP, id.origin());
    assertEquals(Settings.Value.Origin.SYSTEM_PROPERTY, s.get(Setting.PROFILE).orElseThrow().origin());
  }

  @Test
  void everyLayerSaysWhichItIs() {
    assertEquals(Settings.Value.Origin.EXPLICIT,
        Settings.builder().put(Setting.PROFILE, "x").build().get(Setting.PROFILE).orElseThrow().origin());
    assertEquals(Settings.Value.Origin.ENVIRONMENT, Settings.builder().environment(Map.of("FIREFLY_PROFILE", "x"))
        .build().get(Setting.PROFILE).orElseThrow().origin());
    assertEquals("look-up firefly.profile", Settings.builder().lookup(Map.of("firefly.profile", "x")::get).build()
        .get(Setting.PROFILE).orElseThrow().where());
  }

  @Test
  void theLookUpIsAskedBySystemPropertyNameOnlyAndBlankMeansUnset() {
    Settings s = Settings.builder()
        .lookup(name -> name.equals("FIREFLY_PROFILE") ? "by-env-name" : name.equals("firefly.profile") ? " " : null)
        .environment(Map.of("FIREFLY_PROFILE", "env"))
        .build();
    assertEquals("env", s.value(Setting.PROFILE).orElseThrow());
  }

  @Test
  void aBadValueFromTheLookUpNamesIt() {
    Settings s = Settings.builder().lookup("Spring property", Map.of("firefly.file.strict", "maybe")::get).build();
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> s.flag(Setting.FILE_STRICT));
    assertTrue(e.getMessage().startsWith("Spring property firefly.file.strict must be true or false"), e.getMessage());
  }

  @Test
  void theLookUpMustHaveAName() {
    assertThrows(IllegalArgumentException.class, () -> Settings.builder().lookup(" ", n -> null));
    assertThrows(NullPointerException.class, () -> Settings.builder().lookup(null));
  }
}

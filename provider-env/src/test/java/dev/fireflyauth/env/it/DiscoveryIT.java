package dev.fireflyauth.env.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceLoader discovery across separate jars in a fresh class loader, as in a real application. */
class DiscoveryIT {

  @SuppressWarnings("unchecked")
  private static List<String> probe(URLClassLoader loader, Map<String, String> env) throws Exception {
    Class<?> probe = loader.loadClass(Probe.class.getName());
    assertNotSame(Probe.class, probe, "the probe must come from the isolated loader");
    return ((Function<Map<String, String>, List<String>>) probe.getConstructor().newInstance()).apply(env);
  }

  @Test
  void findsProvidersInSeparateJarsAndReportsOneThatFailsToLoad(@TempDir Path dir) throws Exception {
    Path providers = IsolatedJars.testJar(dir, "second-provider.jar",
        List.of(SecondSource.class, ThrowingSource.class), List.of(SecondSource.class, ThrowingSource.class));
    Path probe = IsolatedJars.testJar(dir, "probe.jar", List.of(Probe.class), List.of());
    try (URLClassLoader loader =
        IsolatedJars.loader(IsolatedJars.apiJar(), IsolatedJars.providerEnvJar(), providers, probe)) {
      List<String> out = probe(loader, Map.of("SECOND_ID", "second-client"));
      assertEquals("sources=[env, second]", out.get(0));
      assertEquals("clientId=second-client", out.get(1));
      assertTrue(out.contains("trace=env: skipped - FIREFLY_SERVICES_CLIENT_ID / firefly.services.client.id is not set"),
          out.toString());
      assertTrue(out.contains("trace=second: used - client ID ********ient, 1 secret [second SECOND_ID]"),
          out.toString());
      assertTrue(out.stream().anyMatch(l -> l.startsWith("trace=dev.fireflyauth.env.it.ThrowingSource: failed to load")
          && l.contains("ThrowingSource cannot start: vault agent socket missing")), out.toString());
    }
  }

  @Test
  void theEnvProviderWorksAloneFromItsJar(@TempDir Path dir) throws Exception {
    Path probe = IsolatedJars.testJar(dir, "probe.jar", List.of(Probe.class), List.of());
    try (URLClassLoader loader = IsolatedJars.loader(IsolatedJars.apiJar(), IsolatedJars.providerEnvJar(), probe)) {
      List<String> out = probe(loader,
          Map.of("FIREFLY_SERVICES_CLIENT_ID", "env-client", "FIREFLY_SERVICES_CLIENT_SECRET", "env-secret-value"));
      assertEquals(List.of("sources=[env]", "clientId=env-client"), out.subList(0, 2));
      assertTrue(out.stream().noneMatch(l -> l.contains("env-secret-value")), out.toString());
    }
  }
}

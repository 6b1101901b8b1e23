package dev.fireflyauth.env.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library that embeds us (an app server, a plugin host) loads api + provider-env in its own class loader,
 * uses it, closes it and drops it: the loader must become collectable and no thread of ours may remain.
 */
class EmbeddingIT {

  @Test
  void aThrowawayLoaderBecomesCollectableAfterClose(@TempDir Path dir) throws Exception {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    Path probe = IsolatedJars.testJar(dir, "probe.jar", List.of(Probe.class), List.of());
    WeakReference<ClassLoader> ref = useAndDrop(probe);
    for (int i = 0; i < 100 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertNull(ref.get(), "the embedding class loader is still reachable after close()");
    Set<String> newThreads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !threadsBefore.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(n -> n.startsWith("firefly-auth"))
        .collect(Collectors.toSet());
    assertEquals(Set.of(), newThreads);
  }

  @SuppressWarnings("unchecked")
  private static WeakReference<ClassLoader> useAndDrop(Path probe) throws Exception {
    URLClassLoader loader = IsolatedJars.loader(IsolatedJars.apiJar(), IsolatedJars.providerEnvJar(), probe);
    Function<Map<String, String>, List<String>> f = (Function<Map<String, String>, List<String>>)
        loader.loadClass(Probe.class.getName()).getConstructor().newInstance();
    List<String> out = f.apply(Map.of("FIREFLY_SERVICES_CLIENT_ID", "embedded", "FIREFLY_SERVICES_CLIENT_SECRET", "s-e-c"));
    assertTrue(out.contains("clientId=embedded"), out.toString());
    loader.close();
    return new WeakReference<>(loader);
  }
}

package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Being on the class path costs nothing: discovering the factory, asking its name and schemes, even opening the
 * store and describing it load no Lettuce, Netty or Reactor class and start no thread. Proven in a fresh class
 * loader that defines every class of the test class path itself and records each one it defines.
 */
class NoClientUntilUsedTest {

  /** Defines every class of the class path itself (only the JDK comes from above) and records their names. */
  static final class RecordingLoader extends URLClassLoader {
    final Set<String> defined = ConcurrentHashMap.newKeySet();

    RecordingLoader(URL[] urls) {
      super("recording", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      Class<?> c = super.findClass(name);
      defined.add(name);
      return c;
    }

    Set<String> clientClasses() {
      return defined.stream().filter(n -> n.startsWith("io.lettuce.") || n.startsWith("io.netty.")
          || n.startsWith("reactor.") || n.startsWith("org.reactivestreams.") || n.startsWith("org.slf4j."))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void discoveringAndOpeningTheStoreLoadsNoClientClassAndStartsNoThread() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (RecordingLoader loader = new RecordingLoader(classPath())) {
      Class<?> spi = loader.loadClass("dev.fireflyauth.spi.TokenStoreFactory");
      assertSame(loader, spi.getClassLoader(), "the SPI itself comes from the fresh loader");
      Object redis = null;
      for (Object f : ServiceLoader.load(spi, loader)) {
        if ("redis".equals(spi.getMethod("name").invoke(f))) {
          redis = f;
        }
        spi.getMethod("schemes").invoke(f);
      }
      assertNotNull(redis, "registered for ServiceLoader");
      assertEquals(List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-cluster", "rediss-cluster"),
          spi.getMethod("schemes").invoke(redis));
      assertEquals(Set.of(), loader.clientClasses(), "discovery, name() and schemes()");

      int port = RedisServer.freePort(); // nothing listens there
      Object store = spi.getMethod("open", String.class, loader.loadClass("dev.fireflyauth.spi.StoreContext"))
          .invoke(redis, "redis://:TopSecret1@127.0.0.1:" + port + "/0", context(loader));
      Class<?> storeType = loader.loadClass("dev.fireflyauth.spi.TokenStore");
      assertEquals("redis redis://***@127.0.0.1:" + port + "/0", storeType.getMethod("describe").invoke(store));
      assertEquals(Set.of(), loader.clientClasses(), "open() and describe()");
      assertEquals(Set.of(), newThreads(before), "no thread before first use");
      assertTrue(loader.defined.contains("dev.fireflyauth.redis.RedisTokenStore"), "the recorder sees our classes");

      // First use: now the client is loaded, and the failure is a store problem, not a crash.
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> storeType.getMethod("read", String.class).invoke(store, "firefly-auth:v1:" + "0".repeat(64)));
      assertEquals("dev.fireflyauth.spi.TokenStoreException", e.getCause().getClass().getName());
      assertTrue(loader.defined.contains("io.lettuce.core.RedisClient"), "the positive control");
      storeType.getMethod("close").invoke(store);
    }
    assertEquals(Set.of(), Stores.clientThreadsAfterClose());
  }

  private static Set<String> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName).collect(Collectors.toSet());
  }

  /** A StoreContext of the fresh loader's types: empty settings, the system clock, warnings ignored. */
  private static Object context(ClassLoader loader) throws Exception {
    Class<?> ctx = loader.loadClass("dev.fireflyauth.spi.StoreContext");
    Class<?> settingsType = loader.loadClass("dev.fireflyauth.Settings");
    Object builder = settingsType.getMethod("builder").invoke(null);
    Object settings = builder.getClass().getMethod("build").invoke(builder);
    Object time = loader.loadClass("dev.fireflyauth.TimeSource").getMethod("system").invoke(null);
    return Proxy.newProxyInstance(loader, new Class<?>[] {ctx}, (proxy, method, args) -> switch (method.getName()) {
      case "settings" -> settings;
      case "time" -> time;
      case "warn" -> null;
      case "toString" -> "context";
      default -> throw new UnsupportedOperationException(method.getName());
    });
  }

  /** The test class path, as surefire gives it (its manifest-only jar is expanded by URLClassLoader itself). */
  static URL[] classPath() throws MalformedURLException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(new URL[0]);
  }
}

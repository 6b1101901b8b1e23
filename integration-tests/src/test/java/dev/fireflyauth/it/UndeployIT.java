package dev.fireflyauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An app server's undeploy: api, env, file and ims loaded in their own class loader, used for a real exchange
 * (file credentials, HTTP, JSON, a second exchange), closed and dropped. The loader must become collectable and
 * no thread of ours may be left, with default JVM flags.
 */
class UndeployIT {

  @Test
  void aWebAppLoaderIsCollectableAfterAnExchangeAndClose() throws Exception {
    Path work = Published.work("undeploy");
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (ImsEmulator ims = ImsEmulator.start()) {
      RegisteredClient client = ims.registerClient();
      Path file = work.resolve("credentials.json");
      Files.writeString(file, "{\"client_id\":\"" + client.clientId() + "\",\"client_secret\":\""
          + client.clientSecret() + "\"}");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      WeakReference<ClassLoader> ref = useAndDrop(work, Map.of(
          "FIREFLY_IMS_URL", ims.tokenUrl().toString(), "FIREFLY_CREDENTIALS_FILE", file.toString()));
      for (int i = 0; i < 200 && ref.get() != null; i++) {
        System.gc();
        Thread.sleep(50);
      }
      assertNull(ref.get(), () -> "the web app's class loader is still reachable after close(); threads: "
          + Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
              .map(t -> t.getName() + (t.getContextClassLoader() == null ? "" : "[ccl " + t.getContextClassLoader() + "]"))
              .collect(Collectors.toList()));
      assertEquals(2, ims.requestCount(client.clientId()));
    }
    Set<String> left = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(n -> n.startsWith("firefly-auth"))
        .collect(Collectors.toSet());
    assertEquals(Set.of(), left);
  }

  @SuppressWarnings("unchecked")
  private static WeakReference<ClassLoader> useAndDrop(Path work, Map<String, String> env) throws Exception {
    Path probe = probeJar(work);
    URL[] urls = {
      Published.jar("api").toUri().toURL(), Published.jar("provider-env").toUri().toURL(),
      Published.jar("provider-file").toUri().toURL(), Published.jar("provider-ims").toUri().toURL(),
      probe.toUri().toURL()
    };
    URLClassLoader loader = new URLClassLoader("webapp", urls, ClassLoader.getPlatformClassLoader());
    Thread me = Thread.currentThread();
    ClassLoader saved = me.getContextClassLoader();
    me.setContextClassLoader(loader); // as a servlet container does while a request runs
    try {
      Function<Map<String, String>, List<String>> f = (Function<Map<String, String>, List<String>>)
          loader.loadClass(UndeployProbe.class.getName()).getConstructor().newInstance();
      List<String> out = f.apply(env);
      assertTrue(out.get(0).startsWith("origin=ims via file "), out.toString());
      assertEquals("headers=[x-api-key, Authorization]", out.get(2), out.toString());
    } finally {
      me.setContextClassLoader(saved);
    }
    loader.close();
    return new WeakReference<>(loader);
  }

  private static Path probeJar(Path work) throws Exception {
    Path jar = work.resolve("probe.jar");
    String entry = UndeployProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
        InputStream in = UndeployProbe.class.getClassLoader().getResourceAsStream(entry)) {
      j.putNextEntry(new JarEntry(entry));
      in.transferTo(j);
      j.closeEntry();
    }
    return jar;
  }
}

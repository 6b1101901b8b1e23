package dev.fireflyauth.env.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds the jars and class loaders the discovery and embedding tests run in. */
final class IsolatedJars {
  private IsolatedJars() {}

  /** The api jar (or classes directory) the build resolved for us. */
  static Path apiJar() throws URISyntaxException {
    return Paths.get(dev.fireflyauth.FireflyAuth.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** This module's packaged jar, as built by the package phase. */
  static Path providerEnvJar() {
    String p = System.getProperty("provider.jar");
    if (p == null || !Files.isRegularFile(Paths.get(p))) {
      throw new IllegalStateException("provider.jar not built: run through 'mvn verify' (failsafe), got " + p);
    }
    return Paths.get(p);
  }

  /** A jar holding {@code classes} (copied from the test class path) and a services file registering {@code services}. */
  static Path testJar(Path dir, String name, List<Class<?>> classes, List<Class<?>> services) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      for (Class<?> c : classes) {
        String entry = c.getName().replace('.', '/') + ".class";
        j.putNextEntry(new JarEntry(entry));
        try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(j);
        }
        j.closeEntry();
      }
      if (!services.isEmpty()) {
        j.putNextEntry(new JarEntry("META-INF/services/dev.fireflyauth.spi.CredentialSource"));
        StringBuilder sb = new StringBuilder();
        services.forEach(s -> sb.append(s.getName()).append('\n'));
        j.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar;
  }

  /** A loader over {@code jars} whose parent is the platform loader: nothing of ours leaks in from the test. */
  static URLClassLoader loader(Path... jars) throws IOException {
    URL[] urls = new URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toUri().toURL();
    }
    return new URLClassLoader("isolated", urls, ClassLoader.getPlatformClassLoader());
  }
}

package dev.fireflyauth.spi.support;

import dev.fireflyauth.ConfigurationException;

/**
 * Turns a {@link LinkageError} (a class a provider needs is not on the class path) into a configuration error
 * that names the missing class and the jar to add.
 *
 * <p>Why it exists: a provider without its dependency must not look like an outage (retried three times,
 * reported as transient, exit 5) or a crash (exit 1): it is broken configuration, fixed by adding a jar.
 */
public final class MissingDependency {
  private MissingDependency() {}

  /** @param who what could not run, e.g. {@code token provider 'ims'} */
  public static ConfigurationException broken(String who, LinkageError e) {
    String missing = e.getMessage() == null ? "" : e.getMessage().replace('/', '.');
    return new ConfigurationException(who + " cannot run: " + e.getClass().getSimpleName()
        + (missing.isEmpty() ? "" : " " + missing) + " (" + jarHint(missing)
        + "is one of its dependencies missing from the class path or module path?)", e);
  }

  private static String jarHint(String className) {
    if (className.startsWith("com.fasterxml.jackson.core")) {
      return "add com.fasterxml.jackson.core:jackson-core; ";
    }
    if (className.startsWith("com.fasterxml.jackson.databind")) {
      return "add com.fasterxml.jackson.core:jackson-databind; ";
    }
    if (className.startsWith("software.amazon.awssdk")) {
      return "add the AWS SDK v2 module that provides it; ";
    }
    if (className.startsWith("io.lettuce") || className.startsWith("io.netty") || className.startsWith("reactor")) {
      return "add io.lettuce:lettuce-core; ";
    }
    return "";
  }
}

package dev.fireflyauth.internal;

import dev.fireflyauth.TraceEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds service providers with {@link ServiceLoader#stream()}, one class loader after another, and reports
 * the ones that fail instead of swallowing them (JDBC's {@code DriverManager} hides such errors; we put them
 * in the trace and keep going with the rest).
 */
public final class Discovery {
  /** Stop after this many consecutive iterator errors: ServiceLoader's recovery is best effort. */
  private static final int MAX_ERRORS = 64;

  private Discovery() {}

  /** What a look-up found: instances in discovery order, and a trace entry per provider that failed. */
  public record Found<S>(List<S> providers, List<TraceEntry> failures) {
    public Found {
      providers = List.copyOf(providers);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Loads every provider of {@code type} visible from {@code loaders}, skipping a class already found through
   * an earlier loader.
   */
  public static <S> Found<S> load(
      Class<S> type, List<ClassLoader> loaders, TraceEntry.Stage stage, Function<S, String> nameOf) {
    List<S> found = new ArrayList<>();
    List<TraceEntry> failures = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ClassLoader loader : loaders) {
      Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(type, loader).stream().iterator();
      int errors = 0;
      while (errors < MAX_ERRORS) {
        ServiceLoader.Provider<S> provider;
        try {
          if (!it.hasNext()) {
            break;
          }
          provider = it.next();
        } catch (ServiceConfigurationError e) {
          errors++;
          failures.add(failed(stage, type.getSimpleName(), e));
          continue;
        }
        String className = provider.type().getName();
        if (!seen.add(className)) {
          continue;
        }
        try {
          S instance = provider.get();
          nameOf.apply(instance);
          found.add(instance);
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          failures.add(failed(stage, className, e));
        }
      }
    }
    return new Found<>(found, failures);
  }

  private static TraceEntry failed(TraceEntry.Stage stage, String name, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + root + ")";
    return new TraceEntry(stage, name, TraceEntry.Outcome.FAILED_TO_LOAD, why, null, List.of());
  }

  /** The thread's context class loader, then {@code ours}, without duplicates or nulls. */
  public static List<ClassLoader> defaultLoaders(ClassLoader ours) {
    Set<ClassLoader> loaders = new LinkedHashSet<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      loaders.add(context);
    }
    if (ours != null) {
      loaders.add(ours);
    }
    return List.copyOf(loaders);
  }
}

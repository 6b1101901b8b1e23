package dev.fireflyauth.redis;

import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.store.TokenStores;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Opens Redis stores the way the library does (ServiceLoader discovery through {@link TokenStores}). */
final class Stores {
  private Stores() {}

  static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  static TokenStore open(String spec) {
    return open(spec, Map.of());
  }

  static TokenStore open(String spec, Map<String, String> settings) {
    Settings.Builder b = Settings.builder();
    settings.forEach(b::put);
    return TokenStores.open(spec, "test spec", b.build(), TimeSource.system(),
        List.of(Stores.class.getClassLoader()), WARNINGS::add).orElseThrow();
  }

  /** Names of the live threads. */
  static Set<String> threads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .collect(Collectors.toSet());
  }

  /** Live threads that look like Lettuce's or Netty's. */
  static Set<String> clientThreads() {
    return threads().stream().filter(n -> {
      String l = n.toLowerCase(java.util.Locale.ROOT);
      return l.contains("lettuce") || l.contains("netty") || l.contains("eventloop") || l.contains("globaleventexecutor")
          || l.contains("objectcleaner") || l.contains("reactor");
    }).collect(Collectors.toSet());
  }

  /** Waits up to 5 s for the Lettuce/Netty threads to end; returns those still alive. */
  static Set<String> clientThreadsAfterClose() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    Set<String> left = clientThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = clientThreads();
    }
    return left;
  }
}

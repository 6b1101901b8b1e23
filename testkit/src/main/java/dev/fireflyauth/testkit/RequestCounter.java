package dev.fireflyauth.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts token requests, in all and per client ID as sent.
 *
 * <p>Why it exists: the sharpest assertion about a token cache is how many times it went to IMS ("a hundred
 * callers, one exchange"). Requests are counted before fault injection decides, so a faulted request
 * counts too. Thread-safe.
 */
final class RequestCounter {
  private final AtomicInteger total = new AtomicInteger();
  private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

  void countRequest() {
    total.incrementAndGet();
  }

  void countClient(String clientId) {
    perClient.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
  }

  int total() {
    return total.get();
  }

  int of(String clientId) {
    AtomicInteger n = perClient.get(clientId);
    return n == null ? 0 : n.get();
  }
}

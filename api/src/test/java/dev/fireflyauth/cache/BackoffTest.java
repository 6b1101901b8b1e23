package dev.fireflyauth.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheMaximumWithoutJitter() {
    Backoff b = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0);
    assertEquals(Duration.ofSeconds(1), b.delay(1, null));
    assertEquals(Duration.ofSeconds(2), b.delay(2, null));
    assertEquals(Duration.ofSeconds(32), b.delay(6, null));
    assertEquals(Duration.ofSeconds(60), b.delay(7, null));
    assertEquals(Duration.ofSeconds(60), b.delay(1000, null));
  }

  @Test
  void jitterOnlyShortensWithinItsFraction() {
    Backoff b = Backoff.of(Duration.ofSeconds(8), Duration.ofSeconds(60), 0.5);
    for (int i = 0; i < 1000; i++) {
      Duration d = b.delay(1, null);
      assertTrue(d.compareTo(Duration.ofSeconds(4)) >= 0 && d.compareTo(Duration.ofSeconds(8)) <= 0, d::toString);
    }
  }

  @Test
  void retryAfterIsAFloorCappedAtTheMaximum() {
    Backoff b = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5);
    assertEquals(Duration.ofSeconds(30), b.delay(1, Duration.ofSeconds(30)));
    assertEquals(Duration.ofSeconds(60), b.delay(1, Duration.ofHours(2)));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> Backoff.of(Duration.ZERO, Duration.ofSeconds(1), 0));
    assertThrows(IllegalArgumentException.class,
        () -> Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1), 0));
    assertThrows(IllegalArgumentException.class,
        () -> Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5));
  }
}

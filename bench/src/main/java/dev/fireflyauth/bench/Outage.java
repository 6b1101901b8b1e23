package dev.fireflyauth.bench;

import dev.fireflyauth.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * P4: IMS outages in simulated time around a 24 h token, the same absolute window for every peer, at several
 * placements. Counts exchange attempts during the outage, calls that failed, and calls that returned a token
 * already past its expiry (a "successful" call the API would refuse).
 *
 * <p>Why several placements: a cache's refresh lead decides which outages it even sees. Ours starts refreshing
 * 2 h 24 min before a 24 h token expires (up to 20 % earlier with jitter), the SDK-configured peers 2 to 5 min
 * before. One window (the first) falls where only we are refreshing; one is shorter than every peer's lead; one
 * spans the expiry; one is longer than our lead, so no cache can bridge it. The report shows each, ties
 * included.
 *
 * <p>One caller asks every {@link #FAR_STEP} of simulated time from {@link #START} before expiry until the outage
 * starts, then every {@link #NEAR_STEP} until a minute after it ends. Each call also waits a little real time, so
 * refreshes that run on background threads finish as they would in real life. AWS NonBlocking's scheduled
 * background refresh uses the real clock and so never fires here (it refreshes only when a call prompts it).
 */
final class Outage implements Scenario {
  static final Duration LIFETIME = Duration.ofHours(24);
  static final Duration START = Duration.ofHours(3).plusMinutes(5);
  static final Duration FAR_STEP = Duration.ofSeconds(10);
  static final Duration NEAR_STEP = Duration.ofSeconds(1);
  static final Duration AFTER = Duration.ofMinutes(1);

  /** One outage: it starts {@code startBeforeExpiry} before the first token expires and lasts {@code length}. */
  record Placement(String id, String title, String why, Duration startBeforeExpiry, Duration length) {}

  static final List<Placement> PLACEMENTS = List.of(
      new Placement("p4-ours", "P4a outage while only we refresh",
          "40 min, from 2 h 55 min to 2 h 15 min before expiry: covers our whole jittered refresh point, ends"
              + " long before any peer's lead; the old P4 target applies here",
          Duration.ofHours(2).plusMinutes(55), Duration.ofMinutes(40)),
      new Placement("p4-short", "P4b short outage inside every peer's lead",
          "90 s, from 4 min to 2 min 30 s before expiry: shorter than every peer's refresh lead, so every cache"
              + " still holds a valid token when it ends",
          Duration.ofMinutes(4), Duration.ofSeconds(90)),
      new Placement("p4-expiry", "P4c outage across the expiry",
          "10 min, from 8 min before to 2 min after expiry: every peer must refresh inside it; we refreshed"
              + " hours earlier, so this row measures refresh lead, not error handling",
          Duration.ofMinutes(8), Duration.ofMinutes(10)),
      new Placement("p4-long", "P4d outage longer than our lead",
          "3 h 5 min, from 2 h 55 min before to 10 min after expiry: no cache can bridge it; shows attempts"
              + " (load on IMS during an outage) and how each fails once the token is gone",
          Duration.ofHours(2).plusMinutes(55), Duration.ofHours(3).plusMinutes(5)));

  private final Placement placement;

  Outage(Placement placement) {
    this.placement = placement;
  }

  @Override
  public String id() {
    return placement.id();
  }

  @Override
  public Results run() throws Exception {
    Results r = new Results(placement.title(), "simulated clock; 24 h token; " + placement.why()
        + "; one token() call every " + FAR_STEP.toSeconds() + " s of simulated time from "
        + START.toHours() + " h " + START.toMinutesPart() + " min before expiry, every " + NEAR_STEP.toSeconds()
        + " s from the outage until a minute after it");
    long expiry = LIFETIME.toNanos();
    long start = expiry - placement.startBeforeExpiry().toNanos();
    long end = start + placement.length().toNanos();
    for (Peer peer : Peer.simulatable()) {
      SimClock clock = new SimClock();
      FakeIms ims =
          FakeIms.builder()
              .clock(clock::nanoTime)
              .trackTokens()
              .failing(() -> clock.nanoTime() >= start && clock.nanoTime() < end)
              .build();
      int[] during = new int[2];
      int[] after = new int[2];
      int attemptsDuring;
      try (Contender c = peer.create(ims, clock)) {
        c.token();
        clock.advance(Duration.ofNanos(expiry - START.toNanos()));
        while (clock.nanoTime() < start) {
          call(c, ims, clock, new int[2]);
          clock.advance(FAR_STEP);
        }
        int before = ims.attempts();
        while (clock.nanoTime() < end) {
          call(c, ims, clock, during);
          clock.advance(NEAR_STEP);
        }
        attemptsDuring = ims.attempts() - before;
        long afterEnd = end + AFTER.toNanos();
        while (clock.nanoTime() < afterEnd) {
          call(c, ims, clock, after);
          clock.advance(NEAR_STEP);
        }
      }
      r.put(peer, "attempts_during_outage", attemptsDuring)
          .put(peer, "failed_calls_during_outage", during[0])
          .put(peer, "expired_tokens_served_during_outage", during[1])
          .put(peer, "failed_calls_in_minute_after", after[0])
          .put(peer, "expired_tokens_served_in_minute_after", after[1]);
    }
    return r.note("not_run", "guava and azure read the system clock directly and cannot run in simulated time");
  }

  /** One call: counts a thrown failure in {@code tally[0]}, an expired token returned in {@code tally[1]}. */
  private static void call(Contender c, FakeIms ims, SimClock clock, int[] tally) {
    try {
      Object token = c.token();
      if (ims.expiredAt(value(token), clock.nanoTime())) {
        tally[1]++;
      }
    } catch (Exception e) {
      tally[0]++;
    }
    LockSupport.parkNanos(50_000);
  }

  private static String value(Object token) {
    if (token instanceof String s) {
      return s;
    }
    if (token instanceof AccessToken t) {
      return t.value().reveal();
    }
    if (token instanceof com.google.auth.oauth2.AccessToken g) {
      return g.getTokenValue();
    }
    throw new IllegalArgumentException("unknown token type " + token.getClass().getName());
  }
}

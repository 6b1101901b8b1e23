package dev.fireflyauth.bench;

import dev.fireflyauth.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every contender, with what the report says about how it was configured and the few facts the scenarios need
 * to place a refresh: whether it accepts a simulated clock, and how long before expiry it is sure to refresh.
 *
 * <p>Why it exists: one list drives every scenario and the report, so a peer cannot be configured one way in
 * one scenario and another way in the next.
 */
enum Peer {
  FIREFLY(
      "firefly",
      "Firefly Auth `TokenCache`",
      "defaults: refresh window max(10 % of lifetime, 10 min) + up to 20 % jitter, 30 s expiry skew, backoff 1 s..5 min",
      true,
      // With a lifetime under 20 min the window is capped at half of it and the skew at a tenth: refresh at 0.4 L.
      Duration.ofMillis(2500),
      Duration.ofMinutes(144).plusSeconds(30)),
  AWS_BLOCKING(
      "aws-blocking",
      "AWS SDK `CachedSupplier` (OneCallerBlocks)",
      "stale 1 min / prefetch 5 min before expiry (as the SDK's STS/SSO providers), default prefetch jitter, STRICT",
      true,
      Duration.ofMinutes(2).plusSeconds(1),
      Duration.ofMinutes(2)),
  AWS_NONBLOCKING(
      "aws-nonblocking",
      "AWS SDK `CachedSupplier` (NonBlocking)",
      "as above with `new NonBlocking(name)` (the providers' asyncCredentialUpdateEnabled)",
      true,
      Duration.ofMinutes(2).plusSeconds(1),
      Duration.ofMinutes(2)),
  GUAVA(
      "guava",
      "Guava `Suppliers.memoizeWithExpiration`",
      "memoized for the announced lifetime less 5 min; no clock injection, no proactive refresh",
      false,
      GuavaContender.MARGIN.plusSeconds(1),
      GuavaContender.MARGIN),
  GOOGLE(
      "google",
      "Google Auth `OAuth2Credentials`",
      "subclass overriding refreshAccessToken(); default margins (refresh 3 min 45 s, expiry 3 min); "
          + "refreshIfExpired() + getAccessToken() on the caller's thread",
      true,
      Duration.ofMinutes(3).plusSeconds(46),
      Duration.ofMinutes(3).plusSeconds(45)),
  AZURE(
      "azure",
      "Azure Core `SimpleTokenCache`",
      "Javadoc sample: `new SimpleTokenCache(() -> Mono...)`, 5 min refresh offset, 30 s retry delay; getToken().block()",
      false,
      // It refreshes no sooner than 30 s after a fetch: P3 waits that out, so the refresh comes 1 s later.
      Duration.ofMinutes(5).plusSeconds(31),
      Duration.ofMinutes(5)),
  VOLATILE(
      "volatile",
      "bare `volatile` field read",
      "the physical limit: no expiry check",
      false,
      Duration.ofHours(24),
      Duration.ZERO),
  VOLATILE_CLOCK(
      "volatile+nanoTime",
      "`volatile` read + `System.nanoTime()` check",
      "the floor for any cache that checks expiry on the monotonic clock",
      false,
      Duration.ofHours(24),
      Duration.ZERO);

  final String id;
  final String label;
  final String configuration;
  final boolean simulatedClock;
  /** P3: a first-token lifetime that puts this peer's refresh about one second after the token arrives. */
  final Duration refreshSoonLifetime;
  /** P4: how long before a 24 h token's expiry this peer is sure to be trying to refresh. */
  final Duration refreshLead;
  /** P3: how long after a fetch this peer refuses to refresh again (Azure's retry delay). */
  final Duration quietAfterFetch;

  Peer(String id, String label, String configuration, boolean simulatedClock, Duration refreshSoonLifetime,
      Duration refreshLead) {
    this.id = id;
    this.label = label;
    this.configuration = configuration;
    this.simulatedClock = simulatedClock;
    this.refreshSoonLifetime = refreshSoonLifetime;
    this.refreshLead = refreshLead;
    this.quietAfterFetch = "azure".equals(id) ? Duration.ofSeconds(30) : Duration.ZERO;
  }

  /** This peer over {@code ims} on the system clocks. */
  Contender create(FakeIms ims) {
    switch (this) {
      case FIREFLY:
        return new FireflyContender(ims, TimeSource.system());
      case AWS_BLOCKING:
      case AWS_NONBLOCKING:
        return new AwsContender(ims, Clock.systemUTC(), this == AWS_NONBLOCKING);
      case GUAVA:
        return new GuavaContender(ims);
      case GOOGLE:
        return new GoogleContender(ims, com.google.api.client.util.Clock.SYSTEM);
      case AZURE:
        return new AzureContender(ims);
      case VOLATILE:
        return new VolatileContender(ims);
      case VOLATILE_CLOCK:
        return new VolatileClockContender(ims);
      default:
        throw new AssertionError(this);
    }
  }

  /** This peer over {@code ims} living in {@code clock}'s simulated time; only when {@link #simulatedClock}. */
  Contender create(FakeIms ims, SimClock clock) {
    switch (this) {
      case FIREFLY:
        return new FireflyContender(ims, clock);
      case AWS_BLOCKING:
      case AWS_NONBLOCKING:
        return new AwsContender(ims, clock.javaClock(), this == AWS_NONBLOCKING);
      case GOOGLE:
        return new GoogleContender(ims, clock.googleClock());
      default:
        throw new IllegalArgumentException(id + " reads the system clock directly; it cannot run in simulated time");
    }
  }

  /** The real caches: ours and the peers, without the two baselines. */
  static List<Peer> caches() {
    return Arrays.stream(values()).filter(p -> !p.isBaseline()).collect(Collectors.toList());
  }

  /** The caches that accept a simulated clock. */
  static List<Peer> simulatable() {
    return caches().stream().filter(p -> p.simulatedClock).collect(Collectors.toList());
  }

  /** The volatile-read baselines, which are no caches. */
  boolean isBaseline() {
    return this == VOLATILE || this == VOLATILE_CLOCK;
  }

  static Peer byId(String id) {
    return Arrays.stream(values())
        .filter(p -> p.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown peer '" + id + "'"));
  }
}

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
      Duration.ofMillis(2500)),
  AWS_BLOCKING(
      "aws-blocking",
      "AWS SDK `CachedSupplier` (OneCallerBlocks)",
      "stale 1 min / prefetch 5 min before expiry (as the SDK's STS/SSO providers), the SDK's prefetch jitter"
          + " (the prefetch falls between 5 and 2 min before expiry), STRICT",
      true,
      Duration.ofMinutes(2).plusSeconds(1)),
  AWS_NONBLOCKING(
      "aws-nonblocking",
      "AWS SDK `CachedSupplier` (NonBlocking)",
      "as above with `new NonBlocking(name)` (the providers' asyncCredentialUpdateEnabled). Its scheduled"
          + " background refresh runs on the real clock, so in the simulated-time scenarios (P4, P7) it never"
          + " fires; there it refreshes only through the prefetch a `get()` triggers",
      true,
      Duration.ofMinutes(2).plusSeconds(1)),
  AWS_ALLOW(
      "aws-allow",
      "AWS SDK `CachedSupplier` (ALLOW, prefetch 10 %)",
      "OneCallerBlocks, prefetch 10 % of the lifetime before expiry (our lead; jittered by the SDK to anywhere"
          + " between that and 2 min before expiry), stale 1 min before expiry, StaleValueBehavior.ALLOW (keeps"
          + " serving the cached value when a refresh fails, even past its expiry); P4 and P7 only",
      true,
      Duration.ofMinutes(2).plusSeconds(1)),
  GUAVA(
      "guava",
      "Guava `Suppliers.memoizeWithExpiration`",
      "memoized for a fixed 23 h 55 min (IMS's documented 24 h less 5 min), chosen up front as users write it;"
          + " no clock injection, no proactive refresh, no stale-on-error. P3 compresses it to 2.5 s with the first"
          + " fetch 1.5 s before the measured run, so its one expiry falls 1 s in, like the others' refresh",
      false,
      Duration.ofHours(24)),
  GOOGLE(
      "google",
      "Google Auth `OAuth2Credentials`",
      "subclass overriding refreshAccessToken(); default margins (refresh 3 min 45 s, expiry 3 min); "
          + "refreshIfExpired() + getAccessToken() on the caller's thread, as its HTTP adapter calls it (its gRPC"
          + " path refreshes asynchronously and is not measured)",
      true,
      Duration.ofMinutes(3).plusSeconds(46)),
  AZURE(
      "azure",
      "Azure Core `SimpleTokenCache`",
      "Javadoc sample: `new SimpleTokenCache(() -> Mono...)`, 5 min refresh offset, 30 s retry delay; called"
          + " synchronously with getToken().block() (the reactive pipeline is the cost in P1)",
      false,
      // It refreshes no sooner than 30 s after a fetch: P3 waits that out, so the refresh comes 1 s later.
      Duration.ofMinutes(5).plusSeconds(31)),
  VOLATILE(
      "volatile",
      "bare `volatile` field read",
      "the physical limit: no expiry check",
      false,
      Duration.ofHours(24)),
  VOLATILE_CLOCK(
      "volatile+nanoTime",
      "`volatile` read + `System.nanoTime()` check",
      "the floor for any cache that checks expiry on the monotonic clock",
      false,
      Duration.ofHours(24));

  final String id;
  final String label;
  final String configuration;
  final boolean simulatedClock;
  /** P3: a first-token lifetime that puts this peer's refresh about one second after the token arrives. */
  final Duration refreshSoonLifetime;
  /** P3: how long after its first fetch this peer is left alone before the load starts. */
  final Duration quietAfterFetch;

  Peer(String id, String label, String configuration, boolean simulatedClock, Duration refreshSoonLifetime) {
    this.id = id;
    this.label = label;
    this.configuration = configuration;
    this.simulatedClock = simulatedClock;
    this.refreshSoonLifetime = refreshSoonLifetime;
    this.quietAfterFetch =
        "azure".equals(id) ? Duration.ofSeconds(30) : "guava".equals(id) ? Duration.ofMillis(1500) : Duration.ZERO;
  }

  /** This peer over {@code ims} on the system clocks. */
  Contender create(FakeIms ims) {
    switch (this) {
      case FIREFLY:
        return new FireflyContender(ims, TimeSource.system());
      case AWS_BLOCKING:
      case AWS_NONBLOCKING:
      case AWS_ALLOW:
        return new AwsContender(ims, Clock.systemUTC(), awsMode());
      case GUAVA:
        return new GuavaContender(ims, GuavaContender.USER_MEMO);
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
      case AWS_ALLOW:
        return new AwsContender(ims, clock.javaClock(), awsMode());
      case GOOGLE:
        return new GoogleContender(ims, clock.googleClock());
      default:
        throw new IllegalArgumentException(id + " reads the system clock directly; it cannot run in simulated time");
    }
  }

  private AwsContender.Mode awsMode() {
    return this == AWS_NONBLOCKING ? AwsContender.Mode.NON_BLOCKING
        : this == AWS_ALLOW ? AwsContender.Mode.ALLOW : AwsContender.Mode.BLOCKING;
  }

  /** The real caches as configured by their SDKs: ours and the peers, without the baselines and without AWS ALLOW. */
  static List<Peer> caches() {
    return Arrays.stream(values()).filter(p -> !p.isBaseline() && p != AWS_ALLOW).collect(Collectors.toList());
  }

  /** The caches that accept a simulated clock, AWS ALLOW included: the fault scenarios P4 and P7. */
  static List<Peer> simulatable() {
    return Arrays.stream(values()).filter(p -> p.simulatedClock).collect(Collectors.toList());
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

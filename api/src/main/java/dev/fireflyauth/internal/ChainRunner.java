package dev.fireflyauth.internal;

import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.TraceEntry.Outcome;
import dev.fireflyauth.TraceEntry.Stage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the links of a chain in order until one delivers, recording each in the trace: the one loop behind the
 * credential chain ({@link CredentialChain}) and the token chain ({@link TokenChain}).
 *
 * <p>The rule both share: a link that delivers ends the chain; a link that throws ends it too (a broken source
 * must never fall through to another identity); either way, every later link is recorded as not tried, with
 * why. A link that is not configured records its own reason and the chain moves on.
 */
final class ChainRunner {
  private ChainRunner() {}

  /** One link: deliver, or record why not and return empty, or throw. */
  @FunctionalInterface
  interface Link<S, R> {
    Optional<R> attempt(S step, Trace trace);
  }

  /**
   * The first result the links deliver, or empty when none did.
   *
   * @param what what the links are, for the not-tried reasons: "source", "token provider"
   * @throws FireflyAuthException what a link threw, after recording the rest as not tried
   */
  static <S, R> Optional<R> firstOf(
      List<S> steps, Stage stage, String what, Function<S, String> name, Link<S, R> link, Trace trace) {
    for (int i = 0; i < steps.size(); i++) {
      Optional<R> r;
      try {
        r = link.attempt(steps.get(i), trace);
      } catch (FireflyAuthException e) {
        notTried(steps.subList(i + 1, steps.size()), stage, name, "the chain stopped at a failing " + what, trace);
        throw e;
      }
      if (r.isPresent()) {
        notTried(steps.subList(i + 1, steps.size()), stage, name, "an earlier " + what + " was used", trace);
        return r;
      }
    }
    return Optional.empty();
  }

  private static <S> void notTried(List<S> rest, Stage stage, Function<S, String> name, String why, Trace trace) {
    for (S step : rest) {
      trace.add(new TraceEntry(stage, name.apply(step), Outcome.NOT_TRIED, why, null, List.of()));
    }
  }
}

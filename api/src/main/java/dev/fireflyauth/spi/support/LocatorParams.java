package dev.fireflyauth.spi.support;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Locator;
import java.util.Collection;
import java.util.Optional;

/**
 * The checks every source makes on the locator that selected it, with one wording: unknown parameters, empty
 * values, a path where none is taken.
 *
 * <p>Why it exists: a typo in a locator ({@code ?profle=prod}) must fail loudly rather than be ignored, and
 * every source must say so the same way, naming the parameters it knows and never a parameter's value.
 */
public final class LocatorParams {
  private LocatorParams() {}

  /**
   * Refuses a parameter not in {@code known}, and with {@code nonBlank} one whose value is blank.
   *
   * @throws CredentialSourceException {@code locator 'firefly:env?x=…': unknown parameter 'x'; the env source
   *     knows: prefix}
   */
  public static void check(Locator locator, String source, Collection<String> known, boolean nonBlank) {
    for (var e : locator.params().entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new CredentialSourceException(source, "locator '" + locator + "': unknown parameter "
            + Locator.showName(e.getKey()) + "; the " + source + " source knows: "
            + (known.isEmpty() ? "no parameters" : String.join(", ", known)));
      }
      if (nonBlank && e.getValue().isBlank()) {
        throw new CredentialSourceException(
            source, "locator '" + locator + "': parameter " + Locator.showName(e.getKey()) + " is empty");
      }
    }
  }

  /**
   * Refuses a source-specific part ({@code firefly:env:something}).
   *
   * @param usage what to write instead, e.g. {@code firefly:env or firefly:env?prefix=MYAPP_}
   */
  public static void requireNoPart(Locator locator, String source, String usage) {
    if (!locator.part().isEmpty()) {
      throw new CredentialSourceException(
          source, "locator '" + locator + "': the " + source + " source takes no path; use " + usage);
    }
  }

  /** A parameter's value, trimmed; empty when absent. */
  public static Optional<String> value(Optional<Locator> locator, String name) {
    return locator.flatMap(l -> l.param(name)).map(String::trim);
  }

  /** How messages name a parameter: {@code parameter 'region' of locator 'firefly:aws-secrets:x?region=…'}. */
  public static String where(Locator locator, String name) {
    return "parameter '" + name + "' of locator '" + locator + "'";
  }
}

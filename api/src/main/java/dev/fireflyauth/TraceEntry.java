package dev.fireflyauth;

import java.util.List;
import java.util.Objects;

/**
 * One line of {@link FireflyAuth#explain()}: a source or token provider that was considered, what came of it
 * and why.
 *
 * <p>Why it exists: "no credentials found" is useless without knowing where the library looked. The trace is
 * data, so the CLI, a health check or a test can render or assert it. It never holds a secret.
 */
public final class TraceEntry {

  /** Which chain the entry belongs to. */
  public enum Stage {
    /** The credential-source chain (env, file, aws-secrets, …). */
    CREDENTIALS,
    /** The token-provider chain (static token, IMS exchange). */
    TOKEN,
    /** The token store shared with other processes ({@code FIREFLY_TOKEN_STORE}). */
    STORE
  }

  /** What came of the attempt. */
  public enum Outcome {
    /** This source or provider delivered. */
    USED,
    /** Not configured here; the chain moved on. */
    SKIPPED,
    /** Configured but broken; the chain stopped here. */
    BROKEN,
    /** Configured but could not be reached right now (network, throttling); the chain stopped here. */
    UNAVAILABLE,
    /** Never asked: an earlier source delivered or was broken. */
    NOT_TRIED,
    /** The provider could not be instantiated by {@link java.util.ServiceLoader}; the others kept working. */
    FAILED_TO_LOAD;

    /** How a source or provider that threw {@code e} is shown: unavailable when transient, else broken. */
    public static Outcome of(FireflyAuthException e) {
      return e.kind() == FireflyAuthException.Kind.TRANSIENT ? UNAVAILABLE : BROKEN;
    }
  }

  private final Stage stage;
  private final String name;
  private final Outcome outcome;
  private final String reason;
  private final String origin;
  private final List<String> notes;

  public TraceEntry(Stage stage, String name, Outcome outcome, String reason, String origin, List<String> notes) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.name = Objects.requireNonNull(name, "name");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.origin = origin;
    this.notes = List.copyOf(notes);
  }

  public Stage stage() {
    return stage;
  }

  /** The source or provider name, e.g. {@code env}; for a provider that failed to load, its class name. */
  public String name() {
    return name;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Why: "FIREFLY_SERVICES_CLIENT_ID is not set", "found client ID and 1 secret", the error message. */
  public String reason() {
    return reason;
  }

  /** Where the credentials came from, for {@link Outcome#USED}; otherwise null. */
  public String origin() {
    return origin;
  }

  /** Warnings noticed on the way, such as a deprecated variable name. */
  public List<String> notes() {
    return notes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TraceEntry)) {
      return false;
    }
    TraceEntry t = (TraceEntry) o;
    return stage == t.stage
        && name.equals(t.name)
        && outcome == t.outcome
        && reason.equals(t.reason)
        && Objects.equals(origin, t.origin)
        && notes.equals(t.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stage, name, outcome, reason, origin, notes);
  }

  @Override
  public String toString() {
    return name + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " - " + reason
        + (origin == null ? "" : " [" + origin + "]")
        + (notes.isEmpty() ? "" : " " + notes);
  }
}

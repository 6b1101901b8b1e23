package dev.fireflyauth.admin;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.SecretWriteBack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rotates a credential's client secret end to end, the way Adobe's guide describes it and without a window in
 * which any deployment has no working secret:
 *
 * <ol>
 *   <li>check that the store the credentials came from can take a new secret ({@link FireflyAuth#secretWriteBack()}),
 *       and that the credential has one secret in Adobe, so a second can be added — before anything changes;
 *   <li>add a secret ({@link SecretsAdmin#add()});
 *   <li>write it back, newest first, the secret in use until now kept as the second live secret
 *       ({@link SecretWriteBack#write});
 *   <li>prove it: a fresh {@link FireflyAuth} over the same source must read the new secret first, and an IMS
 *       exchange with the new secret alone must succeed;
 *   <li>show when the old secret was last used, and, when asked, delete it in Adobe and remove it from the store
 *       ({@link SecretWriteBack#remove}) — only if nothing used it since the rotation began, unless forced.
 * </ol>
 *
 * <p>Why it exists: each step is simple, but the order is what makes it safe, and the failure after the add
 * (the store cannot be written after all) must leave the store unchanged and say how to recover
 * ({@link SecretNotStoredException}). "Used since" compares the old secret's last-used time as Adobe reports it
 * after the proof with the time Adobe reported before the add: no clocks are compared, and anything that used
 * it in between, however briefly, counts. A {@link Listener} hears each step as it completes. Not thread-safe:
 * one rotation at a time.
 */
public final class SecretRotation {
  private final FireflyAuth auth;
  private final SecretsAdmin admin;
  private final Supplier<FireflyAuth> freshAuth;
  private final Listener listener;
  private final TimeSource time;
  private final int proofAttempts;
  private final Duration proofPause;

  private SecretRotation(Builder b) {
    this.auth = Objects.requireNonNull(b.auth, "auth");
    this.admin = Objects.requireNonNull(b.admin, "admin");
    this.freshAuth = b.freshAuth;
    this.listener = b.listener;
    this.time = b.time;
    this.proofAttempts = b.proofAttempts;
    this.proofPause = b.proofPause;
  }

  /**
   * @param auth where the credentials come from and the new secret goes back to (its
   *     {@link FireflyAuth#secretWriteBack()}); the same credentials {@code admin} manages
   * @param admin the I/O Management API for that credential
   */
  public static Builder builder(FireflyAuth auth, SecretsAdmin admin) {
    return new Builder(auth, admin);
  }

  /** Hears each step of a rotation as it completes; every method does nothing by default. */
  public interface Listener {
    /** The store can take the new secret. */
    default void writeBackChecked(String target) {}

    /** The secret was added in Adobe (its value is in {@code secret}, for a tool asked to show it). */
    default void added(NewClientSecret secret) {}

    /** The secret was written to {@code target}, newest first, the one in use until now kept as the second. */
    default void writtenBack(String target) {}

    /** A fresh chain read the new secret first from {@code origin}, and IMS issued {@code token} for it alone. */
    default void proven(String origin, AccessToken token) {}

    /**
     * The old secret as Adobe listed it before the add ({@code before}) and after the proof ({@code now}; empty
     * when it is gone), and whether anything used it in between.
     */
    default void oldSecret(ClientSecret before, Optional<ClientSecret> now, boolean usedSince) {}

    /** The old secret was deleted in Adobe. */
    default void deleted(String uuid) {}

    /** The old secret was removed from {@code target}. */
    default void removedFromSource(String target) {}
  }

  /**
   * What {@link #add} did.
   *
   * @param secret the new secret
   * @param writtenBackTo where it was written, when the source can be written
   * @param before the credential's secrets before the add
   * @param previous the secret in use until now (kept as the second live secret)
   */
  public record Added(NewClientSecret secret, Optional<String> writtenBackTo, List<ClientSecret> before,
      Secret previous) {
    public Added {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(writtenBackTo, "writtenBackTo");
      before = List.copyOf(before);
      Objects.requireNonNull(previous, "previous");
    }
  }

  /**
   * What {@link #rotate} did.
   *
   * @param secret the new secret
   * @param writtenBackTo where it was written
   * @param oldSecret the old secret as Adobe lists it after the proof; empty when it is unknown or gone
   * @param oldUsedSince whether anything used the old secret since the rotation began
   * @param oldDeleted whether it was deleted (in Adobe and from the store)
   */
  public record Rotated(NewClientSecret secret, String writtenBackTo, Optional<ClientSecret> oldSecret,
      boolean oldUsedSince, boolean oldDeleted) {
    public Rotated {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(writtenBackTo, "writtenBackTo");
      Objects.requireNonNull(oldSecret, "oldSecret");
    }
  }

  /**
   * Adds a secret and writes it back to the source the credentials came from, when it can be written.
   *
   * @param requireWriteBack refuse (before adding) when the source cannot be written (environment variables,
   *     credentials given in code), rather than add a secret that is stored nowhere
   * @throws ConfigurationException before anything changed: no write-back though required, the store refuses
   *     it, or the credential has {@link SecretsAdmin#MAX_SECRETS} secrets already
   * @throws SecretNotStoredException when the secret was added but could not be written back
   */
  public Added add(boolean requireWriteBack) {
    return addAndWriteBack(requireWriteBack).added();
  }

  /** What an add did, and the write-back it used (for removing the old secret later). */
  private record Step(Added added, Optional<SecretWriteBack> writeBack) {}

  private Step addAndWriteBack(boolean requireWriteBack) {
    Optional<SecretWriteBack> writeBack = auth.secretWriteBack();
    ClientCredentials credentials = admin.credentials();
    if (writeBack.isEmpty() && requireWriteBack) {
      throw new ConfigurationException("the credentials come from " + credentials.origin() + ", which cannot be"
          + " written back: rotate where the credentials are kept in a file or in AWS Secrets Manager (--source"
          + " firefly:file:… or firefly:aws-secrets:…), or add a secret with --print-secret and store it yourself");
    }
    writeBack.ifPresent(w -> listener.writeBackChecked(w.describe()));
    List<ClientSecret> before = admin.list();
    if (before.size() >= SecretsAdmin.MAX_SECRETS) {
      throw new ConfigurationException(admin.credential().describe() + " has " + before.size() + " client secrets"
          + " already (" + describe(before) + "), the most Adobe allows: delete one first (`firefly-auth secrets"
          + " delete UUID` for the one no deployment uses; the one in use was used most recently)");
    }
    Secret previous = admin.secretInUse();
    NewClientSecret added = admin.add();
    listener.added(added);
    if (writeBack.isEmpty()) {
      return new Step(new Added(added, Optional.empty(), before, previous), writeBack);
    }
    String target = writeBack.get().describe();
    try {
      writeBack.get().write(added.secret(), previous);
    } catch (FireflyAuthException e) {
      throw new SecretNotStoredException(added, target, admin.credential(), e);
    }
    listener.writtenBack(target);
    return new Step(new Added(added, Optional.of(target), before, previous), writeBack);
  }

  /**
   * Rotates: add, write back, prove, report on the old secret, and with {@code deleteOld} retire it.
   *
   * @param deleteOld delete the old secret in Adobe and remove it from the store, if nothing used it since the
   *     rotation began
   * @param force delete it even if something did
   * @throws ConfigurationException before anything changed (see {@link #add}), or when the proof shows the chain
   *     does not read the new secret
   * @throws SecretNotStoredException when the secret was added but could not be written back
   * @throws TransientException when the old secret is still in use and {@code deleteOld} without {@code force}
   *     was asked: retrying later may succeed (the rotation itself is complete)
   * @throws IllegalStateException when no fresh-auth supplier was given to the builder
   */
  public Rotated rotate(boolean deleteOld, boolean force) {
    if (freshAuth == null) {
      throw new IllegalStateException("SecretRotation.builder(…).freshAuth(…) is needed to prove the new secret");
    }
    Step step = addAndWriteBack(true);
    Added added = step.added();
    String target = added.writtenBackTo().orElseThrow();
    prove(added, target);
    Optional<ClientSecret> old = added.before().size() == 1 ? Optional.of(added.before().get(0)) : Optional.empty();
    Optional<ClientSecret> oldNow = Optional.empty();
    boolean usedSince = false;
    if (old.isPresent()) {
      String uuid = old.get().uuid();
      oldNow = admin.list().stream().filter(s -> s.uuid().equals(uuid)).findFirst();
      usedSince = oldNow.isPresent() && !oldNow.get().lastUsed().equals(old.get().lastUsed());
      listener.oldSecret(old.get(), oldNow, usedSince);
    }
    if (!deleteOld) {
      return new Rotated(added.secret(), target, oldNow, usedSince, false);
    }
    if (old.isEmpty()) {
      throw new ConfigurationException("the new secret " + added.secret().uuid() + " is in use, but " + target
          + " keeps the previous one too: the credential listed no secret before the rotation, so which one is old"
          + " is not known and none was deleted; delete it with `firefly-auth secrets delete UUID`");
    }
    String uuid = old.get().uuid();
    if (usedSince && !force) {
      throw new TransientException("not deleting the old client secret " + uuid + ": it was used at "
          + shown(oldNow.get().lastUsed(), "an unknown time") + ", after the rotation began (it was last used at "
          + shown(old.get().lastUsed(), "no time") + " before),"
          + " so a deployment may still use it; the rotation itself is complete. Once nothing uses it (see"
          + " `firefly-auth secrets list`), delete it with `firefly-auth secrets delete " + uuid + "`, or rotate"
          + " with --force to delete it anyway", null);
    }
    if (oldNow.isPresent()) {
      admin.delete(uuid);
      listener.deleted(uuid);
    }
    try {
      step.writeBack().orElseThrow().remove(added.previous());
    } catch (FireflyAuthException e) {
      throw prefixed("the old client secret " + uuid + " was deleted in Adobe, but could not be removed from "
          + target + " (harmless: it is the second secret there, and IMS is asked with the newest first; remove it"
          + " by hand): ", e);
    }
    listener.removedFromSource(target);
    return new Rotated(added.secret(), target, oldNow, usedSince, true);
  }

  /** A fresh chain must read the new secret first, and IMS must issue a token for it alone. */
  private void prove(Added added, String target) {
    String context = "client secret " + added.secret().uuid() + " was added and written back to " + target
        + ", but ";
    String keeps = "; the previous secret is still live there as the second secret, so deployments keep working,"
        + " and it was not deleted";
    ClientCredentials read;
    try (FireflyAuth fresh = freshAuth.get()) {
      read = fresh.credentials();
    } catch (FireflyAuthException e) {
      throw prefixed(context + "a fresh chain cannot read the credentials: ", e);
    }
    if (read.secrets().isEmpty() || !read.secrets().get(0).equals(added.secret().secret())) {
      throw new ConfigurationException(context + "a fresh chain reads credentials from " + read.origin()
          + " that do not have it as the newest secret: check that the chain (--source, FIREFLY_CREDENTIALS) reads "
          + target + keeps);
    }
    ClientCredentials onlyNew = read.toBuilder().secrets(List.of(added.secret().secret())).build();
    for (int attempt = 1; ; attempt++) {
      try {
        listener.proven(read.origin(), admin.exchange(onlyNew));
        return;
      } catch (CredentialsRejectedException e) {
        // A secret Adobe has just created may take a moment to reach IMS.
        if (attempt >= proofAttempts) {
          throw prefixed(context + "IMS rejected it (" + attempt + " attempts): ", e, keeps);
        }
        pause();
      } catch (FireflyAuthException e) {
        throw prefixed(context + "the exchange with it failed: ", e, keeps);
      }
    }
  }

  private void pause() {
    try {
      time.sleep(proofPause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting to try the new secret again", e);
    }
  }

  private static String describe(List<ClientSecret> secrets) {
    StringBuilder sb = new StringBuilder();
    for (ClientSecret s : secrets) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.uuid()).append(" last used ")
          .append(shown(s.lastUsed(), "never"));
    }
    return sb.toString();
  }

  /** A time as messages show it: ISO-8601 to the second. */
  private static String shown(Optional<Instant> t, String none) {
    return t.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(none);
  }

  /** {@code e} with {@code prefix} before its message, of the same kind (exit code). */
  private static FireflyAuthException prefixed(String prefix, FireflyAuthException e) {
    return prefixed(prefix, e, "");
  }

  private static FireflyAuthException prefixed(String prefix, FireflyAuthException e, String suffix) {
    String message = prefix + e.getMessage() + suffix;
    return switch (e.kind()) {
      case REJECTED -> new CredentialsRejectedException(message, e);
      case TRANSIENT -> new TransientException(message, e,
          e instanceof TransientException t ? t.retryAfter().orElse(null) : null);
      default -> new ConfigurationException(message, e);
    };
  }

  /** Configures a {@link SecretRotation}; not thread-safe. */
  public static final class Builder {
    private final FireflyAuth auth;
    private final SecretsAdmin admin;
    private Supplier<FireflyAuth> freshAuth;
    private Listener listener = new Listener() {};
    private TimeSource time = TimeSource.system();
    private int proofAttempts = 3;
    private Duration proofPause = Duration.ofSeconds(2);

    private Builder(FireflyAuth auth, SecretsAdmin admin) {
      this.auth = Objects.requireNonNull(auth, "auth");
      this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * Makes a new {@link FireflyAuth} over the same source and settings as {@code auth}, for the proof (it is
     * closed after use); needed by {@link SecretRotation#rotate}.
     */
    public Builder freshAuth(Supplier<FireflyAuth> freshAuth) {
      this.freshAuth = Objects.requireNonNull(freshAuth, "freshAuth");
      return this;
    }

    /** Told about each step as it completes. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How often the proof exchange is tried while IMS rejects the new secret (a secret Adobe has just created may
     * take a moment to be accepted), and the pause between tries; default 3 and 2 s.
     *
     * @throws IllegalArgumentException if {@code attempts} is below 1 or {@code pause} is negative
     */
    public Builder proofAttempts(int attempts, Duration pause) {
      if (attempts < 1 || Objects.requireNonNull(pause, "pause").isNegative()) {
        throw new IllegalArgumentException("attempts must be at least 1 and the pause not negative");
      }
      this.proofAttempts = attempts;
      this.proofPause = pause;
      return this;
    }

    /** The clock the pauses between proof attempts sleep on; default {@link TimeSource#system()}. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    public SecretRotation build() {
      return new SecretRotation(this);
    }
  }
}

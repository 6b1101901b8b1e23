package dev.fireflyauth.admin;

import dev.fireflyauth.FireflyAuthException;
import java.util.Objects;

/**
 * A client secret was added in Adobe but could not be written back where the credentials are kept (a file that
 * became read-only, a Secrets Manager secret the role may not put): the store is left as it was, so the
 * previous secret keeps working, and the new secret is live in Adobe but stored nowhere.
 *
 * <p>Why it exists: this is the one failure of a rotation that leaves something to clean up, and Adobe shows a
 * secret's value only once. The message names the new secret's UUID, the store, the cause, and the two ways to
 * recover (delete the new secret, or store it by hand); {@link #secret()} carries the value for a tool that was
 * asked to show it ({@code --print-secret}); the message never does. {@link #kind()} is the cause's, so a store
 * that was unreachable is transient and a read-only file is broken configuration.
 */
public final class SecretNotStoredException extends FireflyAuthException {
  private static final long serialVersionUID = 1L;

  private final transient NewClientSecret secret;
  private final String target;
  private final Kind kind;

  SecretNotStoredException(NewClientSecret secret, String target, ConsoleCredential credential,
      FireflyAuthException cause) {
    super("client secret " + secret.uuid() + " was added to " + credential.describe() + " in Adobe, but could not"
        + " be written back to " + target + ": " + cause.getMessage() + ". " + target + " was left as it was, so"
        + " the previous secret keeps working. To recover, either delete the new secret in Adobe (`firefly-auth"
        + " secrets delete " + secret.uuid() + "`) and rotate again once the cause is fixed, or store the new"
        + " secret there by hand (its value is shown only with --print-secret)", cause);
    this.secret = Objects.requireNonNull(secret, "secret");
    this.target = target;
    this.kind = cause.kind();
  }

  /** The secret that was added (its value is never in the message); null after deserialization. */
  public NewClientSecret secret() {
    return secret;
  }

  /** Where it should have been written: {@code file /etc/firefly/credentials.json [profile default]}. */
  public String target() {
    return target;
  }

  @Override
  public Kind kind() {
    return kind;
  }
}

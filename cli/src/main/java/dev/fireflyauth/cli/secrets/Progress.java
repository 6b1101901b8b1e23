package dev.fireflyauth.cli.secrets;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.admin.ClientSecret;
import dev.fireflyauth.admin.NewClientSecret;
import dev.fireflyauth.admin.SecretRotation;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Prints each step of an add or a rotation on stdout as it completes, so that whatever fails later, the user has
 * seen what was done (above all: which secret was added). The value is printed only when asked, right after the
 * add, so it is on screen even if the write-back then fails.
 */
final class Progress implements SecretRotation.Listener {
  private final PrintWriter out;
  private final String credential;
  private final boolean printSecret;

  /** @param credential how to name the credential, e.g. {@code credential 123 (org 456)} */
  Progress(PrintWriter out, String credential, boolean printSecret) {
    this.out = out;
    this.credential = credential;
    this.printSecret = printSecret;
  }

  @Override
  public void writeBackChecked(String target) {
    out.println("write-back: " + target + " can take the new secret");
  }

  @Override
  public void added(NewClientSecret secret) {
    out.println("added client secret " + secret.uuid() + " to " + credential);
    if (printSecret) {
      out.println("client_secret: " + secret.secret().reveal());
    }
  }

  @Override
  public void writtenBack(String target) {
    out.println("written back to " + target + ": the new secret first, the previous one kept as the second");
  }

  @Override
  public void proven(String origin, AccessToken token) {
    out.println("proven: a fresh chain reads the new secret first (" + origin + ") and IMS issued a token for it"
        + token.expiresAt().map(t -> " (expires " + Times.show(Optional.of(t), "") + ")").orElse(""));
  }

  @Override
  public void oldSecret(ClientSecret before, Optional<ClientSecret> now, boolean usedSince) {
    if (now.isEmpty()) {
      out.println("previous secret " + before.uuid() + ": no longer listed (deleted meanwhile)");
      return;
    }
    out.println("previous secret " + before.uuid() + ": last used " + Times.show(now.get().lastUsed(), "never")
        + (usedSince ? ", after the rotation began (a deployment still uses it)" : ", not since the rotation began"));
  }

  @Override
  public void deleted(String uuid) {
    out.println("deleted the previous secret " + uuid + " in Adobe");
  }

  @Override
  public void removedFromSource(String target) {
    out.println("removed the previous secret from " + target);
  }
}

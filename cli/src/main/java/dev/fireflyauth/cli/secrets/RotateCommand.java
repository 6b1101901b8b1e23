package dev.fireflyauth.cli.secrets;

import dev.fireflyauth.admin.SecretRotation;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code firefly-auth secrets rotate}: add a secret, write it back (the old one kept live as the second), prove a
 * fresh chain exchanges with it, show when the old one was last used, and with {@code --delete-old} retire it if
 * nothing used it since the rotation began (or with {@code --force}). Each step is printed as it completes.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = {"Rotate the client secret: check the source can be written, add a secret, write it back (the"
        + " old one kept as the second live secret), prove an exchange with the new secret, show when the old one"
        + " was last used.",
        "With --delete-old, also delete the old secret in Adobe and remove it from the source, but only if nothing"
            + " used it since the rotation began (exit 5 otherwise; --force deletes it anyway)."})
final class RotateCommand implements Callable<Integer> {
  @ParentCommand SecretsCommand secrets;
  @Mixin SecretsOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--delete-old", description = "Delete the old secret once the new one is proven.")
  boolean deleteOld;

  @Option(names = "--force", description = "With --delete-old: delete it even if it was used since the rotation began.")
  boolean force;

  @Option(names = "--print-secret",
      description = "Also print the new secret's value as soon as it is added (to store it by hand if the"
          + " write-back fails).")
  boolean printSecret;

  @Override
  public Integer call() {
    if (force && !deleteOld) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--force applies only with --delete-old");
    }
    try (Session s = Session.open(secrets, options)) {
      SecretRotation.Rotated r = s.rotation(new Progress(s.out, s.admin.credential().describe(), printSecret)).rotate(deleteOld, force);
      if (!r.oldDeleted()) {
        r.oldSecret().ifPresent(old -> s.out.println("next: once no deployment uses the previous secret (`firefly-auth"
            + " secrets list` shows its last use), delete it: firefly-auth secrets delete " + old.uuid()));
      }
      s.out.println("rotated: the new secret " + r.secret().uuid() + " is in use");
      return 0;
    }
  }
}

package dev.fireflyauth.cli.secrets;

import dev.fireflyauth.admin.SecretsAdmin;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code firefly-auth secrets delete UUID}: deletes one client secret in Adobe; it stops working at once for
 * every deployment that still uses it (check {@code secrets list} for its last use first).
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete the client secret UUID in Adobe (see `secrets list`); it stops working at once.")
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand SecretsCommand secrets;
  @Mixin SecretsOptions options;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "UUID", description = "The secret's uuid, as `secrets list` shows it.")
  String uuid;

  @Override
  public Integer call() {
    if (!SecretsAdmin.isUuid(uuid)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "UUID must be a client secret's uuid as `firefly-auth secrets list` shows it (letters, digits and '-')");
    }
    try (Session s = Session.open(secrets, options)) {
      s.admin.delete(uuid);
      s.out.println("deleted client secret " + uuid + " of " + s.admin.credential().describe());
      return 0;
    }
  }
}

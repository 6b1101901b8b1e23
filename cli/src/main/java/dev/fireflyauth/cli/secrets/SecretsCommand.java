package dev.fireflyauth.cli.secrets;

import dev.fireflyauth.cli.CliHost;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code firefly-auth secrets list|add|delete|rotate}: the client secrets of the credential the chain (or
 * {@code --source}) finds, through Adobe's I/O Management API ({@code FIREFLY_IO_API_URL},
 * {@code FIREFLY_CONSOLE_ORG_ID}, {@code FIREFLY_CREDENTIAL_ID} or a Developer Console project JSON).
 *
 * <p>Why it exists: rotating a client secret by hand means curl calls, copying a value shown once into the right
 * file, and guessing when the old one may go; {@code rotate} does it in the safe order and proves the new secret
 * works. Stdout carries only results and progress, never a secret value unless {@code --print-secret} asks for
 * it; errors go through the CLI's one-line handler with the documented exit codes.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true,
    description = {"Manage the credential's client secrets through Adobe's I/O Management API (add the API to the"
        + " Developer Console project first).",
        "Settings: FIREFLY_IO_API_URL (default https://api.adobe.io), FIREFLY_CONSOLE_ORG_ID, FIREFLY_CREDENTIAL_ID,"
            + " or FIREFLY_CONSOLE_PROJECT_FILE (the project JSON the Console downloads; a credentials file that is"
            + " such a project JSON is read too)."},
    subcommands = {ListCommand.class, AddCommand.class, DeleteCommand.class, RotateCommand.class})
public final class SecretsCommand implements Runnable {
  @ParentCommand Object root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "secrets needs a verb: list, add, delete or rotate");
  }

  /** The CLI's settings, stderr and logging. */
  CliHost host() {
    return CliHost.of(root);
  }

  /** Where results go: the CLI's stdout, as picocli was given it. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}

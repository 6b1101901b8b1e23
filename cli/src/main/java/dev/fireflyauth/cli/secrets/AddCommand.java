package dev.fireflyauth.cli.secrets;

import dev.fireflyauth.admin.SecretRotation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code firefly-auth secrets add}: adds a client secret and writes it back where the credentials are kept (the
 * previous secret kept as the second); prints the value only with {@code --print-secret}, which is also the only
 * way to add one for credentials that cannot be written back (environment variables).
 */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = {"Add a client secret and write it back where the credentials are kept (newest first, the"
        + " previous secret kept as the second).",
        "Refused before anything changes when the credential has two secrets already, or when the source cannot be"
            + " written (environment variables) and --print-secret is not given."})
final class AddCommand implements Callable<Integer> {
  @ParentCommand SecretsCommand secrets;
  @Mixin SecretsOptions options;

  @Option(names = "--print-secret",
      description = "Also print the new secret's value (Adobe shows it only once); needed when the source cannot"
          + " be written.")
  boolean printSecret;

  @Override
  public Integer call() {
    try (Session s = Session.open(secrets, options)) {
      Progress progress = new Progress(s.out, s.admin.credential().describe(), printSecret);
      SecretRotation.Added added = s.rotation(progress).add(!printSecret);
      if (added.writtenBackTo().isEmpty()) {
        s.out.println("not written back: " + s.admin.credentials().origin() + " cannot be written; store the"
            + " secret yourself, next to the previous one");
      }
      return 0;
    }
  }
}

package dev.fireflyauth.cli.secrets;

import dev.fireflyauth.admin.ClientSecret;
import dev.fireflyauth.spi.support.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code firefly-auth secrets list}: each client secret's uuid, creation and last use; never a value. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the credential's client secrets: uuid, created, last used (never a value).")
final class ListCommand implements Callable<Integer> {
  @ParentCommand SecretsCommand secrets;
  @Mixin SecretsOptions options;

  @Option(names = "--json", description = "Print {credential_id, org_id, client_secrets: [{uuid, created, last_used}]}.")
  boolean json;

  @Override
  public Integer call() {
    try (Session s = Session.open(secrets, options)) {
      List<ClientSecret> listed = s.admin.list();
      if (json) {
        s.out.println(json(s, listed));
        return 0;
      }
      s.out.println(s.admin.credential().describe() + ": " + listed.size() + " client secret"
          + (listed.size() == 1 ? "" : "s"));
      s.out.println(String.format("%-36s  %-20s  %s", "UUID", "CREATED", "LAST USED"));
      for (ClientSecret c : listed) {
        s.out.println(String.format("%-36s  %-20s  %s", c.uuid(), Times.show(c.created(), "unknown"),
            Times.show(c.lastUsed(), "never")));
      }
      return 0;
    }
  }

  private static String json(Session s, List<ClientSecret> listed) {
    List<Object> items = new ArrayList<>();
    for (ClientSecret c : listed) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("uuid", c.uuid());
      item.put("created", Times.json(c.created()));
      item.put("last_used", Times.json(c.lastUsed()));
      items.add(item);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("credential_id", s.admin.credential().credentialId());
    out.put("org_id", s.admin.credential().orgId());
    out.put("client_secrets", items);
    return JsonWriter.write(out);
  }
}

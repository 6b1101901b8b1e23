package dev.fireflyauth.cli;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code firefly-auth demo}: the whole flow, offline. Starts the test kit's IMS emulator on loopback,
 * registers a client, points the chain at it through the same settings a user would set, and shows what a
 * user sees: the trace, the token, the headers, and a second call served from the cache.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole flow offline against an embedded IMS emulator on loopback.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Cli cli;
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    cli.startVerb(common);
    PrintStream out = cli.out;
    try (ImsEmulator ims = ImsEmulator.start()) {
      RegisteredClient client = ims.registerClient();
      out.println("IMS emulator listening on " + ims.tokenUrl() + " (loopback only)");
      out.println();
      out.println("Settings, as you would export them:");
      out.println("  " + Setting.IMS_URL.env() + "=" + ims.tokenUrl());
      out.println("  " + Setting.CLIENT_ID.env() + "=" + client.clientId());
      out.println("  " + Setting.CLIENT_SECRET.env() + "=**** (" + client.clientSecret().length() + " chars)");
      // Exactly the variables a user would export; nothing of the real environment leaks in.
      Settings settings = Settings.builder().environment(Map.of(
              Setting.IMS_URL.env(), ims.tokenUrl().toString(),
              Setting.CLIENT_ID.env(), client.clientId(),
              Setting.CLIENT_SECRET.env(), client.clientSecret()))
          .build();
      try (FireflyAuth auth = FireflyAuth.builder().settings(settings).build()) {
        AccessToken token = auth.token();
        out.println();
        out.println("$ firefly-auth sources");
        TraceLines.render(auth.explain()).forEach(l -> out.println("  " + l));
        out.println();
        out.println("$ firefly-auth token --json");
        out.println("  type:       " + token.type());
        out.println("  expires_at: " + token.expiresAt().map(Object::toString).orElse("unknown"));
        out.println("  token:      " + Mask.token(token.value().reveal()));
        out.println("  origin:     " + TokenCommand.origin(auth));
        out.println();
        out.println("$ firefly-auth headers");
        String apiKey = auth.headers().get(FireflyAuth.API_KEY_HEADER);
        String bearer = auth.headers().get(FireflyAuth.AUTHORIZATION_HEADER);
        out.println("  " + FireflyAuth.API_KEY_HEADER + ": " + apiKey);
        out.println("  " + FireflyAuth.AUTHORIZATION_HEADER + ": Bearer " + Mask.token(token.value().reveal()));
        boolean accepted = ims.isValidAuthorization(bearer);
        out.println("  the emulator accepts this bearer token: " + (accepted ? "yes" : "NO"));
        int before = ims.requestCount(client.clientId());
        AccessToken again = auth.token();
        int after = ims.requestCount(client.clientId());
        boolean cached = again == token && after == before;
        out.println();
        out.println("Second token() call: " + (cached ? "served from the cache" : "NOT served from the cache")
            + " (IMS token requests for this client: " + after + ")");
        return accepted && cached && after == 1 ? ExitCode.OK : ExitCode.INTERNAL;
      }
    }
  }
}

package dev.fireflyauth.cli;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.support.Mask;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code firefly-auth demo}: the whole flow, offline. Starts the test kit's IMS emulator on loopback,
 * registers a client, points the chain at it through the same settings a user would set, and shows what a
 * user sees: the trace, the token, the headers, a second call served from the cache, and a second
 * <em>process</em> served from the token store without asking IMS.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole flow offline against an embedded IMS emulator on loopback.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Cli cli;
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws IOException, InterruptedException {
    cli.startVerb(common);
    PrintStream out = cli.out;
    Path store = Files.createTempDirectory("firefly-auth-demo-store");
    try (ImsEmulator ims = ImsEmulator.start()) {
      RegisteredClient client = ims.registerClient();
      out.println("IMS emulator listening on " + ims.tokenUrl() + " (loopback only)");
      out.println();
      out.println("Settings, as you would export them:");
      out.println("  " + Setting.IMS_URL.env() + "=" + ims.tokenUrl());
      out.println("  " + Setting.CLIENT_ID.env() + "=" + client.clientId());
      out.println("  " + Setting.CLIENT_SECRET.env() + "=**** (" + client.clientSecret().length() + " chars)");
      out.println("  " + Setting.TOKEN_STORE.env() + "=file:" + store + "   (a fresh store for the demo)");
      // Exactly the variables a user would export; nothing of the real environment leaks in.
      Map<String, String> env = Map.of(
          Setting.IMS_URL.env(), ims.tokenUrl().toString(),
          Setting.CLIENT_ID.env(), client.clientId(),
          Setting.CLIENT_SECRET.env(), client.clientSecret(),
          Setting.TOKEN_STORE.env(), "file:" + store);
      try (FireflyAuth auth = FireflyAuth.builder().settings(Settings.builder().environment(env).build()).build()) {
        AccessToken token = auth.token();
        out.println();
        out.println("$ firefly-auth sources");
        TraceLines.render(auth.explain()).forEach(l -> out.println("  " + l));
        out.println();
        out.println("$ firefly-auth token --json");
        out.println("  type:       " + token.type());
        out.println("  expires_at: " + token.expiresAt().map(Object::toString).orElse("unknown"));
        out.println("  token:      " + Mask.withLength(token.value().reveal()));
        out.println("  origin:     " + token.origin().orElse("unknown"));
        out.println();
        out.println("$ firefly-auth headers");
        String apiKey = auth.headers().get(FireflyAuth.API_KEY_HEADER);
        String bearer = auth.headers().get(FireflyAuth.AUTHORIZATION_HEADER);
        out.println("  " + FireflyAuth.API_KEY_HEADER + ": " + apiKey);
        out.println("  " + FireflyAuth.AUTHORIZATION_HEADER + ": Bearer " + Mask.withLength(token.value().reveal()));
        boolean accepted = ims.isValidAuthorization(bearer);
        out.println("  the emulator accepts this bearer token: " + (accepted ? "yes" : "NO"));
        int before = ims.requestCount(client.clientId());
        AccessToken again = auth.token();
        int after = ims.requestCount(client.clientId());
        boolean cached = again == token && after == before;
        out.println();
        out.println("Second token() call: " + (cached ? "served from the cache" : "NOT served from the cache")
            + " (IMS token requests for this client: " + after + ")");
        boolean shared = secondProcess(env, out, token);
        int afterProcess = ims.requestCount(client.clientId());
        out.println("  IMS token requests for this client: " + afterProcess
            + (afterProcess == after ? " (the second process made none)" : " (the second process exchanged!)"));
        return accepted && cached && after == 1 && shared && afterProcess == after ? ExitCode.OK : ExitCode.INTERNAL;
      }
    } finally {
      deleteTree(store);
    }
  }

  /** Runs {@code firefly-auth token --json} as a new JVM with {@code env}; true when it read our token from the store. */
  private static boolean secondProcess(Map<String, String> env, PrintStream out, AccessToken ours)
      throws IOException, InterruptedException {
    out.println();
    out.println("$ firefly-auth token --json      # a second process, same settings");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "token", "--json", "--quiet");
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      out.println("  the second process failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
      return false;
    }
    Map<?, ?> json;
    try {
      json = (Map<?, ?>) StrictJson.parse(output.strip());
    } catch (JsonProblem | ClassCastException e) {
      out.println("  the second process printed something unexpected");
      return false;
    }
    boolean same = ours.value().reveal().equals(json.get("token"));
    out.println("  from_store: " + json.get("from_store"));
    out.println("  origin:     " + json.get("origin"));
    out.println("  token:      " + (same ? "the same token as above" : "ANOTHER token"));
    return same && Boolean.TRUE.equals(json.get("from_store"));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
      for (Path f : all) {
        Files.deleteIfExists(f);
      }
    }
  }
}

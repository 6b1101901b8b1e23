package dev.fireflyauth.cli.serve;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.agent.AgentTokenFile;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The agent's server, router and token guard wired as {@code serve} wires them, in this JVM, against the test
 * kit's IMS emulator (the network peer). For the HTTP-level tests; the process tests run the real command.
 */
final class InProcessAgent implements AutoCloseable {
  final ImsEmulator ims;
  final RegisteredClient client;
  final AgentTokenGuard guard;
  final AgentMetrics metrics = new AgentMetrics(TimeSource.system());
  final FireflyAuth auth;
  final String agentToken;
  private final AgentServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** An agent whose credentials are {@code env} over a fresh IMS client's (so a test can break them). */
  InProcessAgent(Path dir, Map<String, String> overrides) {
    ims = ImsEmulator.start();
    client = ims.registerClient();
    Map<String, String> env = new HashMap<>();
    env.put("FIREFLY_IMS_URL", ims.tokenUrl().toString());
    env.put("FIREFLY_SERVICES_CLIENT_ID", client.clientId());
    env.put("FIREFLY_SERVICES_CLIENT_SECRET", client.clientSecret());
    env.put("FIREFLY_TOKEN_STORE", "none");
    env.putAll(overrides);
    env.values().removeIf(String::isEmpty);
    guard = AgentTokenGuard.open(AgentTokenFile.of(dir.resolve("agent-token"), "test"), new SecureRandom());
    try {
      agentToken = Files.readString(guard.file().path()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    auth = AgentAuth.build(Settings.builder().environment(env).build(), metrics);
    try {
      server = AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          ServeCommand.router(new AgentTokens(auth), guard, metrics, TimeSource.system()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** {@code method path} with the given {@code Authorization} header values (none when empty). */
  HttpResponse<String> send(String method, String path, String... authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (String a : authorization) {
      b.header("Authorization", a);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String... authorization) {
    return send("GET", path, authorization);
  }

  @Override
  public void close() {
    server.close();
    auth.close();
    ims.close();
  }
}

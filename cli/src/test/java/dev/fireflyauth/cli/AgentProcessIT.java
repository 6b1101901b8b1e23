package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The token agent as it is deployed: one {@code firefly-auth serve} process holding the client secret (against
 * the test kit's IMS emulator), and application processes ({@code firefly-auth token}) whose environment holds
 * nothing but the agent's URL and agent token file. Every agent answer, log line and metric is scanned for secrets.
 */
@Tag("slow")
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentProcessIT {
  private static final Pattern STARTED =
      Pattern.compile("firefly-auth serve: listening on (http://[^,]+), agent token in (.+?)( \\(created\\))?$",
          Pattern.MULTILINE);

  private static ImsEmulator ims;
  private static RegisteredClient client;
  private static Path tokenFile;
  private static Agent agent;
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** Every answer the test got from an agent, for the leak scan. */
  private static final List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
  /** Every token a client printed, which must not show up in the agent's log or metrics. */
  private static final Set<String> printed = new HashSet<>();

  @BeforeAll
  static void start() throws Exception {
    ims = ImsEmulator.start();
    client = ims.registerClient();
    tokenFile = CliFixtures.freshDir("agent-run").resolve("firefly-auth/agent-token");
    agent = Agent.start(agentEnv(client), "--listen", "127.0.0.1:0", "--auth-token-file", tokenFile.toString());
    assertTrue(agent.created, "the agent created its token file");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile.getParent())));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (agent != null) {
        assertEquals(0, agent.terminate(), agent::stderr);
      }
    } finally {
      ims.close();
    }
  }

  /** What the agent's operator sets: the IMS URL and the credentials; a cache home of its own. */
  private static Map<String, String> agentEnv(RegisteredClient c) {
    Map<String, String> env = CliFixtures.env(ims, c);
    env.put("HOME", CliFixtures.freshDir("agent-home").toString());
    return env;
  }

  /** What an application sets: the agent's URL and token file, and nothing secret. */
  private static Map<String, String> clientEnv(Agent a, Path file) {
    Map<String, String> env = new HashMap<>();
    env.put("FIREFLY_AGENT_URL", a.url);
    env.put("FIREFLY_AGENT_TOKEN_FILE", file.toString());
    Path home = CliFixtures.freshDir("app-home");
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    return env;
  }

  private static List<String> command(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Duser.home=" + env.getOrDefault("HOME", "/nonexistent"),
        "-jar", System.getProperty("cli.jar")));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static Process launch(Map<String, String> env, Path out, Path err, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command(env, args));
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  /** A running {@code firefly-auth serve}. */
  private static final class Agent {
    final Process process;
    final Path err;
    final String url;
    final boolean created;

    private Agent(Process process, Path err, String url, boolean created) {
      this.process = process;
      this.err = err;
      this.url = url;
      this.created = created;
    }

    /** Starts one and waits for its startup line. */
    static Agent start(Map<String, String> env, String... args) throws Exception {
      Path out = Files.createTempFile("agent-out", ".txt");
      Path err = Files.createTempFile("agent-err", ".txt");
      String[] all = new String[args.length + 1];
      all[0] = "serve";
      System.arraycopy(args, 0, all, 1, args.length);
      Process p = launch(env, out, err, all);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() - deadline < 0) {
        Matcher m = STARTED.matcher(Files.readString(err, StandardCharsets.UTF_8));
        if (m.find()) {
          assertEquals("", Files.readString(out, StandardCharsets.UTF_8), "the agent prints nothing on stdout");
          return new Agent(p, err, m.group(1), m.group(3) != null);
        }
        if (!p.isAlive()) {
          throw new AssertionError("the agent exited " + p.exitValue() + ": " + Files.readString(err));
        }
        Thread.sleep(50);
      }
      p.destroyForcibly();
      throw new AssertionError("the agent did not start: " + Files.readString(err));
    }

    String stderr() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    /** {@code kill -TERM}, as Kubernetes and systemd stop it; returns the exit code. */
    int terminate() throws Exception {
      new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the agent did not stop on SIGTERM");
      }
      return process.exitValue();
    }

    HttpResponse<String> get(String path, String... authorization) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
      for (String a : authorization) {
        b.header("Authorization", a);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      answers.add(r);
      return r;
    }
  }

  /** A finished client process. */
  private record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static final class Running {
    final Process process;
    final Path out;
    final Path err;

    Running(Map<String, String> env, String... args) throws Exception {
      out = Files.createTempFile("app-out", ".txt");
      err = Files.createTempFile("app-err", ".txt");
      process = launch(env, out, err, args);
    }

    Run finish() throws Exception {
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("a client process did not finish");
      }
      Run r = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      String agentToken = Files.readString(tokenFile).strip();
      assertFalse(r.out.contains(client.clientSecret()) || r.err.contains(client.clientSecret()), r::toString);
      assertFalse(r.out.contains(agentToken) || r.err.contains(agentToken), r::toString);
      printed.addAll(CliFixtures.tokensIn(r.out, ims));
      return r;
    }
  }

  private static Run client(Map<String, String> env, String... args) throws Exception {
    return new Running(env, args).finish();
  }

  @Test
  @Order(1)
  void twentyApplicationsWithOnlyTheAgentsAddressGetImsTokensFromOneExchange() throws Exception {
    List<Running> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(new Running(clientEnv(agent, tokenFile), "token"));
    }
    Set<String> tokens = new HashSet<>();
    for (Running r : all) {
      Run run = r.finish();
      assertEquals(0, run.exit(), run::toString);
      assertEquals("", run.err(), run::toString);
      assertTrue(ims.isValidToken(run.out().strip()), run::toString);
      tokens.add(run.out().strip());
    }
    assertEquals(1, tokens.size(), "every application got the agent's one token");
    assertEquals(1, ims.requestCount(client.clientId()), "one IMS exchange for all of them");
  }

  @Test
  @Order(2)
  void headersCarryTheAgentsClientIdAndSourcesShowTheAgentAsUsed() throws Exception {
    Map<String, String> env = clientEnv(agent, tokenFile);
    Run headers = client(env, "headers");
    assertEquals(0, headers.exit(), headers::toString);
    List<String> lines = headers.out().lines().toList();
    assertEquals("x-api-key: " + client.clientId(), lines.get(0));
    assertTrue(ims.isValidAuthorization(lines.get(1).substring("Authorization: ".length())), headers::toString);
    Run json = client(env, "token", "--json");
    assertEquals("agent " + agent.url, CliFixtures.json(json.out()).get("origin"), json::toString);
    Run sources = client(env, "sources");
    assertEquals(0, sources.exit(), sources::toString);
    assertTrue(sources.out().lines().anyMatch(l -> l.matches("token\\s+agent\\s+used\\s+tokens from the agent at http://127\\.0\\.0\\.1:\\d+ \\(agent token in .*\\)")), sources::toString);
    assertEquals(1, ims.requestCount(client.clientId()));
  }

  @Test
  @Order(3)
  void aMissingOrWrongAgentTokenIs401AndExit6() throws Exception {
    HttpResponse<String> none = agent.get("/v1/token");
    assertEquals(401, none.statusCode());
    assertEquals("{\"error\":\"unauthorized\"}", none.body());
    HttpResponse<String> wrong = agent.get("/v1/token", "Bearer " + "x".repeat(43));
    assertEquals(401, wrong.statusCode());
    assertEquals("{\"error\":\"unauthorized\"}", wrong.body());

    Path wrongFile = CliFixtures.freshDir("wrong").resolve("agent-token");
    Files.writeString(wrongFile, "not-the-agents-token-but-long-enough\n");
    Run refused = client(clientEnv(agent, wrongFile), "token");
    assertEquals(6, refused.exit(), refused::toString);
    assertEquals("firefly-auth: the agent at " + agent.url + " refused the agent token in " + wrongFile
        + " (environment variable FIREFLY_AGENT_TOKEN_FILE): the file must hold the token of the agent there (its"
        + " startup line names its token file)\n", refused.err());

    Path missing = wrongFile.resolveSibling("missing");
    Run noFile = client(clientEnv(agent, missing), "token");
    assertEquals(6, noFile.exit(), noFile::toString);
    assertTrue(noFile.err().startsWith("firefly-auth: agent token file " + missing
        + " (environment variable FIREFLY_AGENT_TOKEN_FILE) does not exist"), noFile::toString);
  }

  @Test
  @Order(4)
  void anImsOutageWhileTheAgentHoldsAValidTokenFailsNoApplication() throws Exception {
    ims.faults().next(50).serverError(503);
    try {
      for (int i = 0; i < 3; i++) {
        Run r = client(clientEnv(agent, tokenFile), "token");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(ims.isValidToken(r.out().strip()), r::toString);
      }
      HttpResponse<String> health = agent.get("/v1/health");
      assertEquals(200, health.statusCode());
      assertEquals("{\"status\":\"ok\"}", health.body());
      assertEquals(50, ims.faults().pending(), "the agent did not even ask IMS");
    } finally {
      ims.faults().clear();
    }
  }

  @Test
  @Order(5)
  void noSecretInAnyAgentAnswerLogLineOrMetric() throws Exception {
    String agentToken = Files.readString(tokenFile).strip();
    agent.get("/v1/token", agentToken);
    agent.get("/v1/health");
    agent.get("/nope", agentToken);
    HttpResponse<String> metrics = agent.get("/metrics", "Bearer " + agentToken);
    assertEquals(200, metrics.statusCode());
    List<String> metricLines = metrics.body().lines().toList();
    assertTrue(metricLines.contains("firefly_agent_exchanges_total 1"), metrics::body);
    assertTrue(metricLines.contains("firefly_agent_requests_total{path=\"/v1/token\",code=\"401\"} 3"),
        metrics::body);
    assertFalse(printed.isEmpty());
    for (HttpResponse<String> r : answers) {
      String headers = r.headers().map().toString();
      assertFalse(r.body().contains(client.clientSecret()) || headers.contains(client.clientSecret()), r::toString);
      assertFalse(r.body().contains(agentToken) || headers.contains(agentToken), r::toString);
      assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), r::toString);
      if (!r.uri().getPath().equals("/v1/token") || r.statusCode() != 200) {
        for (String t : printed) {
          assertFalse(r.body().contains(t), r::toString);
        }
      }
    }
    List<String> log = agent.stderr().lines().toList();
    assertEquals(1, log.size(), "the agent logged only its startup line: " + log);
    for (String line : concat(log, metricLines)) {
      assertFalse(line.contains(client.clientSecret()), line);
      assertFalse(line.contains(agentToken), line);
      for (String t : printed) {
        assertFalse(line.contains(t), line);
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  @Order(6)
  void applicationsFailWithExit5WhileTheAgentIsDownAndRecoverWhenItIsBack() throws Exception {
    RegisteredClient other = ims.registerClient();
    Map<String, String> env = agentEnv(other);
    Path file = CliFixtures.freshDir("agent-b").resolve("agent-token");
    Agent first = Agent.start(env, "--listen", "127.0.0.1:0", "--auth-token-file", file.toString());
    Map<String, String> app = clientEnv(first, file);
    assertEquals(0, client(app, "token").exit());

    assertEquals(0, first.terminate(), first::stderr);
    assertTrue(first.stderr().endsWith("firefly-auth serve: stopping (SIGTERM)\n"), first::stderr);
    Run down = client(app, "token");
    assertEquals(5, down.exit(), down::toString);
    assertTrue(down.err().startsWith("firefly-auth: the agent at " + first.url + " (environment variable"
        + " FIREFLY_AGENT_URL) cannot be reached: ConnectException"), down::toString);

    String port = first.url.substring(first.url.lastIndexOf(':') + 1);
    Agent again = Agent.start(env, "--listen", "127.0.0.1:" + port, "--auth-token-file", file.toString());
    try {
      assertEquals(first.url, again.url);
      assertFalse(again.created, "the restarted agent kept the token file");
      Run back = client(app, "token");
      assertEquals(0, back.exit(), back::toString);
      assertTrue(ims.isValidToken(back.out().strip()), back::toString);
      assertEquals(1, ims.requestCount(other.clientId()), "the restarted agent took its token from its token store");
    } finally {
      assertEquals(0, again.terminate(), again::stderr);
    }
  }

  @Test
  @Order(7)
  void allowRemoteWarnsThatTheAgentTokenTravelsInClearText() throws Exception {
    Path file = CliFixtures.freshDir("agent-c").resolve("agent-token");
    Agent remote = Agent.start(agentEnv(client), "--listen", "0.0.0.0:0", "--allow-remote",
        "--auth-token-file", file.toString());
    try {
      assertTrue(remote.stderr().startsWith("warning: firefly-auth serve listens on 0.0.0.0, which is not loopback"
          + " (--allow-remote): the agent token and the tokens travel in clear text over http;"), remote::stderr);
    } finally {
      assertEquals(0, remote.terminate(), remote::stderr);
    }
  }
}

package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firefly-auth serve} in-process, for everything it refuses before it starts serving: each refusal is one
 * line on stderr and its exit code (6 for configuration, 2 for usage), nothing on stdout. Serving itself is
 * tested over HTTP (serve package) and as a real process ({@link AgentProcessIT}).
 */
class ServeCommandTest {
  @TempDir Path dir;

  private CliRun serve(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun r = CliRun.run(Map.of(), all);
    assertEquals("", r.out, r::toString);
    return r;
  }

  @Test
  void aNonLoopbackListenAddressIsRefusedWithExit6() {
    for (String address : new String[] {"0.0.0.0:8719", "192.0.2.10:8719", "[::]:0"}) {
      CliRun r = serve("--listen", address, "--auth-token-file", dir.resolve("t").toString());
      assertEquals(6, r.exit, r::toString);
      assertEquals("firefly-auth: --listen " + address + " is not a loopback address: the agent hands out tokens to"
          + " whoever can reach it and knows the agent token, over plain http; listen on 127.0.0.1 or [::1], or give"
          + " --allow-remote to listen there anyway (the agent token then travels in clear text)\n", r.err);
    }
    assertTrue(Files.notExists(dir.resolve("t")), "nothing is created before the address is accepted");
  }

  @Test
  void aMalformedListenAddressIsAUsageError() {
    CliRun r = serve("--listen", "8719");
    assertEquals(2, r.exit, r::toString);
    assertTrue(r.err.startsWith("invalid --listen '8719': HOST:PORT is expected, e.g. 127.0.0.1:8719\n"), r::toString);
  }

  @Test
  void aTokenFileOthersCanReadIsRefusedWithExit6() throws Exception {
    Path file = Files.writeString(dir.resolve("agent-token"), "an-agent-token-long-enough-1234");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun r = serve("--listen", "127.0.0.1:0", "--auth-token-file", file.toString());
    assertEquals(6, r.exit, r::toString);
    assertEquals("firefly-auth: agent token file " + file + " (--auth-token-file) has mode rw-r--r--: its group or"
        + " others could read or replace it and take tokens from the agent, so it is refused; run: chmod 600 " + file
        + "\n", r.err);
  }

  @Test
  void aTokenFileWithAnUnusableTokenIsRefusedWithExit6() throws Exception {
    Path file = Files.writeString(dir.resolve("agent-token"), "short\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    CliRun r = serve("--listen", "127.0.0.1:0", "--auth-token-file", file.toString());
    assertEquals(6, r.exit, r::toString);
    assertEquals("firefly-auth: agent token file " + file + " (--auth-token-file) holds a token of 5 characters; an"
        + " agent token has at least 16 (`firefly-auth serve` creates one of 43)\n", r.err);
  }

  @Test
  void theTokenFileSettingIsTheDefaultAndNamedInMessages() throws Exception {
    Path file = Files.writeString(dir.resolve("agent-token"), "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    CliRun r = CliRun.run(Map.of("FIREFLY_AGENT_TOKEN_FILE", file.toString()), "serve", "--listen", "127.0.0.1:0");
    assertEquals(6, r.exit, r::toString);
    assertEquals("firefly-auth: agent token file " + file + " (environment variable FIREFLY_AGENT_TOKEN_FILE) is"
        + " empty\n", r.err);
  }

  @Test
  void anAddressInUseIsRefusedWithExit6() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + taken.getLocalPort();
      CliRun r = serve("--listen", address, "--auth-token-file", dir.resolve("t").toString(), "--quiet");
      assertEquals(6, r.exit, r::toString);
      assertTrue(r.err.startsWith("firefly-auth: --listen " + address + ": cannot listen there ("), r::toString);
      assertTrue(r.err.endsWith("); is another agent running?\n"), r::toString);
    }
  }

  @Test
  void serveIsAVerbWithHelp() {
    CliRun top = CliRun.run(Map.of(), "--help");
    assertTrue(top.out.contains("serve"), top::toString);
    CliRun help = CliRun.run(Map.of(), "serve", "--help");
    assertEquals(0, help.exit);
    assertTrue(help.out.contains("--listen=HOST:PORT") && help.out.contains("--auth-token-file=FILE")
        && help.out.contains("--allow-remote"), help::toString);
  }
}

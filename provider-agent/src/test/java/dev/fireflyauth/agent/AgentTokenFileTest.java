package dev.fireflyauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the agent token file is, and every way it can be unusable, each with its message. */
class AgentTokenFileTest {
  private static final String GOOD = "0123456789abcdef-_~.+/=";

  @TempDir Path dir;

  private static Settings env(Map<String, String> env) {
    return Settings.builder().environment(env).build();
  }

  private String problem(String content) throws Exception {
    Path f = dir.resolve("agent-token");
    Files.writeString(f, content);
    return problem(f);
  }

  private static String problem(Path f) {
    AgentTokenFile file = AgentTokenFile.of(f, "--auth-token-file");
    ConfigurationException e = assertThrows(ConfigurationException.class, file::read);
    assertFalse(e.getMessage().contains(GOOD), e::getMessage);
    return e.getMessage();
  }

  @Test
  void aTokenIsOneLineAndSurroundingWhiteSpaceIsIgnored() throws Exception {
    Path f = dir.resolve("t");
    Files.writeString(f, "  " + GOOD + "\n");
    assertEquals(GOOD, AgentTokenFile.of(f, "test").read().reveal());
  }

  @Test
  void aMissingFile() {
    Path f = dir.resolve("missing");
    assertEquals("agent token file " + f + " (--auth-token-file) does not exist (`firefly-auth serve` creates it when"
        + " it starts; clients must read the file the agent uses)", problem(f));
  }

  @Test
  void aDirectory() {
    assertEquals("agent token file " + dir + " (--auth-token-file) is a directory, not a file", problem(dir));
  }

  @Test
  void aDeviceIsNotARegularFile() {
    assertEquals("agent token file /dev/zero (--auth-token-file) is not a regular file", problem(Path.of("/dev/zero")));
  }

  @Test
  void anEmptyOrBlankFile() throws Exception {
    assertEquals("agent token file " + dir.resolve("agent-token") + " (--auth-token-file) is empty", problem(""));
    assertEquals("agent token file " + dir.resolve("agent-token") + " (--auth-token-file) is empty", problem(" \n\n"));
  }

  @Test
  void twoLinesASpaceOrANonAsciiCharacter() throws Exception {
    String expected = "agent token file " + dir.resolve("agent-token") + " (--auth-token-file) holds a character an"
        + " HTTP header cannot carry (a line break, a space or a non-ASCII character); an agent token is one line of"
        + " letters, digits and punctuation";
    assertEquals(expected, problem(GOOD + "\n" + GOOD));
    assertEquals(expected, problem(GOOD + " " + GOOD));
    assertEquals(expected, problem(GOOD + "é"));
  }

  @Test
  void aTokenTooShortToBeASecret() throws Exception {
    assertEquals("agent token file " + dir.resolve("agent-token") + " (--auth-token-file) holds a token of 6"
        + " characters; an agent token has at least 16 (`firefly-auth serve` creates one of 43)", problem("abcdef"));
  }

  @Test
  void aFileTooLargeIsRefusedUnread() throws Exception {
    assertEquals("agent token file " + dir.resolve("agent-token") + " (--auth-token-file) is larger than 4096 bytes;"
        + " an agent token is one short line", problem("a".repeat(5000)));
  }

  @Test
  void aFileThatIsNotUtf8() throws Exception {
    Path f = dir.resolve("agent-token");
    Files.write(f, new byte[] {'a', (byte) 0xc3});
    assertEquals("agent token file " + f + " (--auth-token-file) is not UTF-8 text", problem(f));
  }

  @Test
  void theSettingNamesTheFile() {
    AgentTokenFile f = AgentTokenFile.locate(env(Map.of("FIREFLY_AGENT_TOKEN_FILE", "/run/secrets/agent")));
    assertEquals(Path.of("/run/secrets/agent"), f.path());
    assertEquals("environment variable FIREFLY_AGENT_TOKEN_FILE", f.where());
  }

  @Test
  void anInvalidPathInTheSetting() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> AgentTokenFile.locate(env(Map.of("FIREFLY_AGENT_TOKEN_FILE", "/tmp/a\u0000b"))));
    assertEquals("environment variable FIREFLY_AGENT_TOKEN_FILE (FIREFLY_AGENT_TOKEN_FILE / firefly.agent.token.file)"
        + " is not a valid path: Nul character not allowed", e.getMessage());
  }

  @Test
  void theDefaultIsTheRuntimeDirectoryElseTheConfigDirectory() {
    Settings runtime = Settings.builder().environment(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"))
        .systemProperties(Map.of("user.home", "/home/me")).build();
    AgentTokenFile f = AgentTokenFile.locate(runtime);
    assertEquals(Path.of("/run/user/1000/firefly-auth/agent-token"), f.path());
    assertEquals("the default location; FIREFLY_AGENT_TOKEN_FILE / firefly.agent.token.file is not set", f.where());
    Settings relative = Settings.builder().environment(Map.of("XDG_RUNTIME_DIR", "run"))
        .systemProperties(Map.of("user.home", "/home/me")).build();
    assertEquals(Path.of("/home/me/.config/firefly-auth/agent-token"), AgentTokenFile.locate(relative).path());
  }

  @Test
  void noDefaultWithoutARuntimeDirectoryOrAHome() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> AgentTokenFile.locate(env(Map.of())));
    assertEquals("FIREFLY_AGENT_TOKEN_FILE / firefly.agent.token.file is not set and there is no default location for"
        + " the agent token file (neither XDG_RUNTIME_DIR nor a home directory is set)", e.getMessage());
  }

  @Test
  void theProviderReportsAMissingFileWithTheDefaultLocationAndAsksNothing() {
    try (FakeAgent agent = FakeAgent.start();
        FireflyAuth auth =
            AgentFixture.auth(Map.of("FIREFLY_AGENT_URL", agent.url(), "XDG_RUNTIME_DIR", dir.toString()))) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::token);
      assertEquals("agent token file " + dir.resolve("firefly-auth/agent-token") + " (the default location;"
          + " FIREFLY_AGENT_TOKEN_FILE / firefly.agent.token.file is not set) does not exist (`firefly-auth serve`"
          + " creates it when it starts; clients must read the file the agent uses)", e.getMessage());
      assertEquals(0, agent.requests());
    }
  }
}

package dev.fireflyauth.agent;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** What the provider tests share: an agent token file and a FireflyAuth that only knows the agent's address. */
final class AgentFixture {
  static final String AGENT_TOKEN = "agent-token-0123456789abcdefghijklmnop";
  static final String CLIENT_ID = "client-from-the-agent";

  private AgentFixture() {}

  /** A fresh 0600 file holding {@code content}. */
  static Path tokenFile(Path dir, String content) {
    try {
      Path f = Files.createTempFile(dir, "agent-token", "", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.writeString(f, content);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The two variables an application sets, and nothing else. */
  static Map<String, String> env(String url, Path tokenFile) {
    Map<String, String> env = new HashMap<>();
    env.put("FIREFLY_AGENT_URL", url);
    env.put("FIREFLY_AGENT_TOKEN_FILE", tokenFile.toString());
    return env;
  }

  static FireflyAuth auth(Map<String, String> env) {
    return FireflyAuth.builder().settings(Settings.builder().environment(env).build()).build();
  }

  /** On a fake clock, with background refreshes run inline so the test sees them happen. */
  static FireflyAuth auth(Map<String, String> env, TimeSource time) {
    return FireflyAuth.builder().settings(Settings.builder().environment(env).build())
        .timeSource(time).executor(Runnable::run).build();
  }
}

package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.testkit.ConsoleSecret;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the {@code secrets} tests share: an emulator whose client may use the I/O Management API, credentials
 * files in the formats a write-back handles, the environment that points the CLI at them, and the leak check
 * (every secret the emulator makes starts with {@code p8e-}, so one pattern finds them all in any output).
 */
final class SecretsFixture implements AutoCloseable {
  /** Any client secret the emulator registers or adds. */
  static final Pattern ANY_SECRET = Pattern.compile("p8e-[A-Za-z0-9_-]{8,}");

  final ImsEmulator ims = ImsEmulator.start();
  final RegisteredClient client;
  final Path dir;

  SecretsFixture(Path dir) {
    this(dir, scopes());
  }

  SecretsFixture(Path dir, List<String> scopes) {
    this.dir = dir;
    this.client = ims.registerClient("cli-secrets-client", "p8e-cli-original-secret-Qw3", scopes);
  }

  static List<String> scopes() {
    List<String> all = new ArrayList<>(ClientCredentials.DEFAULT_SCOPES);
    ImsEmulator.IO_MANAGEMENT_API_SCOPES.stream().filter(s -> !all.contains(s)).forEach(all::add);
    return all;
  }

  /** The emulator's IMS and I/O Management API, the credential's IDs, and {@code file} as the credentials file. */
  Map<String, String> env(Path file) {
    Map<String, String> env = new HashMap<>();
    env.put("FIREFLY_IMS_URL", ims.tokenUrl().toString());
    env.put("FIREFLY_IO_API_URL", ims.ioApiUrl().toString());
    env.put("FIREFLY_CONSOLE_ORG_ID", client.orgId());
    env.put("FIREFLY_CREDENTIAL_ID", client.credentialId());
    if (file != null) {
      env.put("FIREFLY_CREDENTIALS_FILE", file.toString());
    }
    return env;
  }

  Path jsonFile() {
    return write("credentials.json", "{\"client_id\": \"" + client.clientId() + "\", \"client_secret\": \""
        + client.clientSecret() + "\"}\n");
  }

  Path dotenvFile() {
    return write("firefly.env", "FIREFLY_SERVICES_CLIENT_ID=" + client.clientId()
        + "\nFIREFLY_SERVICES_CLIENT_SECRET=" + client.clientSecret() + "\n");
  }

  Path consoleProjectFile() {
    return write("project.json", "{\"project\": {\"org\": {\"id\": \"" + client.orgId() + "\"}, \"workspace\":"
        + " {\"details\": {\"credentials\": [{\"id\": \"" + client.credentialId() + "\", \"name\": \"Firefly\","
        + " \"integration_type\": \"oauth_server_to_server\", \"oauth_server_to_server\": {\"client_id\": \""
        + client.clientId() + "\", \"client_secrets\": [\"" + client.clientSecret() + "\"]}}]}}}}\n");
  }

  Path write(String name, String text) {
    try {
      Path p = Files.writeString(dir.resolve(name), text);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code client_secrets} of a JSON credentials file. */
  static List<?> jsonSecrets(Path file) {
    try {
      return (List<?>) ((Map<?, ?>) StrictJson.parse(Files.readString(file))).get("client_secrets");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JsonProblem e) {
      throw new AssertionError(e.describe(file.toString()));
    }
  }

  /** The UUIDs the emulator lists for the client, newest first. */
  List<String> uuids() {
    return ims.secrets(client.clientId()).stream().map(ConsoleSecret::uuid).toList();
  }

  Optional<String> uuidOf(Object secret) {
    return ims.secretUuid(client.clientId(), String.valueOf(secret));
  }

  /** Runs the CLI; no secret and no token in stderr, nor in stdout unless {@code secretOnStdout}. */
  CliRun run(Map<String, String> env, boolean secretOnStdout, String... args) {
    CliRun r = CliRun.run(env, args);
    assertFalse(ANY_SECRET.matcher(r.err).find(), () -> "a secret on stderr: " + r);
    if (!secretOnStdout) {
      assertFalse(ANY_SECRET.matcher(r.out).find(), () -> "a secret on stdout: " + r);
    }
    for (String word : (r.out + " " + r.err).split("[^A-Za-z0-9_-]+")) {
      assertFalse(ims.isValidToken(word), () -> "a token in the output: " + r);
    }
    return r;
  }

  CliRun run(Map<String, String> env, String... args) {
    return run(env, false, args);
  }

  @Override
  public void close() {
    ims.close();
  }
}

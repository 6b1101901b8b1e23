package dev.fireflyauth.admin;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testing.LeakScan;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test kit's IMS emulator (token endpoint and I/O Management API on one loopback port) on a clock the test
 * moves, one client allowed the Firefly and the I/O Management API scopes, and the settings that point our code
 * at it. Secrets are declared to the leak scan.
 */
final class Emulated implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  final FakeTimeSource time = new FakeTimeSource();
  final ImsEmulator ims = ImsEmulator.builder().timeSource(time).build();
  final String secret = LeakScan.sensitive("p8e-admin-test-secret-" + COUNT.incrementAndGet() + "-x7Qk");
  final RegisteredClient client;

  Emulated() {
    this(scopes());
  }

  Emulated(List<String> allowedScopes) {
    client = ims.registerClient("admin-client-" + COUNT.incrementAndGet(), secret, allowedScopes);
  }

  /** The Firefly default scopes and the I/O Management API's. */
  static List<String> scopes() {
    List<String> all = new ArrayList<>(ClientCredentials.DEFAULT_SCOPES);
    for (String s : ImsEmulator.IO_MANAGEMENT_API_SCOPES) {
      if (!all.contains(s)) {
        all.add(s);
      }
    }
    return all;
  }

  /** IMS and the I/O Management API of the emulator, and the credential's Console IDs. */
  Settings.Builder settings() {
    return Settings.builder()
        .put(Setting.IMS_URL, ims.tokenUrl().toString())
        .put(SecretsAdmin.IO_API_URL, ims.ioApiUrl().toString())
        .put(SecretsAdmin.CONSOLE_ORG_ID, client.orgId())
        .put(SecretsAdmin.CREDENTIAL_ID, client.credentialId());
  }

  /** The client's credentials as a deployment has them: the Firefly default scopes. */
  ClientCredentials credentials() {
    return ClientCredentials.builder().clientId(client.clientId()).addSecret(dev.fireflyauth.Secret.of(secret))
        .origin("test").build();
  }

  SecretsAdmin admin(Settings settings) {
    return SecretsAdmin.builder().settings(settings).credentials(credentials()).build();
  }

  /** A FireflyAuth on {@code locator} and {@code settings} that always exchanges (no token store). */
  static FireflyAuth auth(Settings settings, String locator) {
    return FireflyAuth.builder().settings(settings).locators(locator).tokenStore("none").build();
  }

  /** The secret's value, declared to the leak scan. */
  static String sensitive(NewClientSecret s) {
    return LeakScan.sensitive(s.secret().reveal());
  }

  static Path write(Path dir, String name, String text) {
    try {
      Path p = Files.writeString(dir.resolve(name), text);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ims.close();
  }
}

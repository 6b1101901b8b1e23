package dev.fireflyauth.cli.secrets;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.admin.SecretRotation;
import dev.fireflyauth.admin.SecretsAdmin;
import dev.fireflyauth.store.TokenStores;
import java.io.PrintWriter;

/**
 * What one {@code secrets} verb works with: the credential chain ({@code --source} or the default chain) for the
 * credentials and their write-back, and the {@link SecretsAdmin} for that credential. No token store: these
 * tokens are not the deployment's, and the proof of a new secret must really exchange.
 *
 * <p>Why it exists: every verb opens and closes the same two things in the same way. Closing releases both.
 */
final class Session implements AutoCloseable {
  final Settings settings;
  final String source;
  final PrintWriter out;
  final FireflyAuth auth;
  final SecretsAdmin admin;

  private Session(Settings settings, String source, PrintWriter out, FireflyAuth auth, SecretsAdmin admin) {
    this.settings = settings;
    this.source = source;
    this.out = out;
    this.auth = auth;
    this.admin = admin;
  }

  /** Starts the verb's logging and resolves the credentials and the Console IDs (no I/O Management API call yet). */
  static Session open(SecretsCommand secrets, SecretsOptions options) {
    secrets.host().startLogging(options.quiet);
    Settings settings = secrets.host().settings();
    FireflyAuth auth = auth(settings, options.source);
    try {
      SecretsAdmin.Builder admin = SecretsAdmin.builder().settings(settings).credentials(auth.credentials());
      if (options.source != null) {
        admin.locator(options.source);
      }
      return new Session(settings, options.source, secrets.out(), auth, admin.build());
    } catch (RuntimeException | Error e) {
      auth.close();
      throw e;
    }
  }

  /** A new chain over the same source and settings. */
  static FireflyAuth auth(Settings settings, String source) {
    FireflyAuth.Builder b = FireflyAuth.builder().settings(settings).tokenStore(TokenStores.NONE);
    if (source != null) {
      b.locators(source);
    }
    return b.build();
  }

  /** A rotation of this session's credential, telling {@code listener} about each step. */
  SecretRotation rotation(SecretRotation.Listener listener) {
    return SecretRotation.builder(auth, admin).freshAuth(() -> auth(settings, source)).listener(listener).build();
  }

  @Override
  public void close() {
    try {
      admin.close();
    } finally {
      auth.close();
    }
  }
}

package dev.fireflyauth.process;

import static dev.fireflyauth.process.Fixtures.commandLine;
import static dev.fireflyauth.process.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.testkit.TestSourceContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration, the happy path, the locator form and what the trace shows. */
class ProcessSourceTest {
  @TempDir Path tmp;
  private final ProcessCredentialSource source = new ProcessCredentialSource();

  private Fixtures fixtures() {
    return new Fixtures(tmp);
  }

  @Test
  void readsCredentialsPrintedByTheCommand() {
    Path script = fixtures().script("success.sh");
    TestSourceContext ctx = TestSourceContext.of(settings(commandLine(script, "--vault", "Prod")));

    ClientCredentials c = source.load(ctx).orElseThrow();

    assertEquals("process-client-id", c.clientId());
    assertEquals(List.of(Secret.of("s3cr3t-from-process-9a7b")), c.secrets());
    assertEquals(List.of("openid", "firefly_api"), c.scopes());
    assertEquals(Optional.of("1234@AdobeOrg"), c.orgId());
    assertEquals("process success.sh", c.origin(), "the executable's name only, never its arguments");
  }

  @Test
  void readsTwoLiveSecretsNewestFirst() {
    Path script = fixtures().script("two-secrets.sh");

    ClientCredentials c = source.load(TestSourceContext.of(settings(commandLine(script)))).orElseThrow();

    assertEquals(List.of(Secret.of("newest-s3cr3t-1111"), Secret.of("older-s3cr3t-2222")), c.secrets());
    assertEquals(List.of("openid", "AdobeID", "firefly_api"), c.scopes());
  }

  @Test
  void notConfiguredIsSkippedWithTheSettingNamedAndRunsNothing() {
    TestSourceContext ctx = TestSourceContext.of(Settings.builder().build());

    assertEquals(Optional.empty(), source.load(ctx));
    assertEquals("FIREFLY_CREDENTIAL_PROCESS / firefly.credential.process is not set", ctx.reason());
  }

  @Test
  void theSettingIsReadFromTheEnvironmentOrASystemProperty() {
    Path script = fixtures().script("success.sh");
    Settings env = Settings.builder().environment(Map.of("FIREFLY_CREDENTIAL_PROCESS", commandLine(script))).build();
    Settings prop = Settings.builder()
        .systemProperties(Map.of("firefly.credential.process", commandLine(script))).build();

    assertEquals("process-client-id", source.load(TestSourceContext.of(env)).orElseThrow().clientId());
    assertEquals("process-client-id", source.load(TestSourceContext.of(prop)).orElseThrow().clientId());
  }

  @Test
  void aBareExecutableNameIsLookedUpOnPath() {
    Path script = fixtures().notExecutable("success.sh"); // run through sh, found on PATH

    ClientCredentials c = source.load(TestSourceContext.of(settings("sh " + commandLine(script)))).orElseThrow();

    assertEquals("process sh", c.origin());
  }

  @Test
  void aLocatorCarriesThePercentEncodedCommandLine() {
    Path script = fixtures().script("success.sh");
    String line = commandLine(script, "--token-file", "/run/secrets/op token");
    String locator = "firefly:process?command=" + URLEncoder.encode(line, StandardCharsets.UTF_8);

    ClientCredentials c = source.load(TestSourceContext.of(Settings.builder().build(), locator)).orElseThrow();

    assertEquals("process-client-id", c.clientId());
    assertEquals("process success.sh", c.origin());
  }

  @Test
  void aLocatorWithoutCommandUsesTheSetting() {
    Path script = fixtures().script("success.sh");

    ClientCredentials c =
        source.load(TestSourceContext.of(settings(commandLine(script)), "firefly:process")).orElseThrow();

    assertEquals("process-client-id", c.clientId());
  }

  @Test
  void aLocatorWithoutCommandAndNoSettingIsBroken() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(Settings.builder().build(), "firefly:process")));

    assertEquals("locator 'firefly:process' names no command: write firefly:process?command=<percent-encoded"
        + " command line>, or set FIREFLY_CREDENTIAL_PROCESS / firefly.credential.process", e.getMessage());
    assertEquals("process", e.source());
  }

  @Test
  void aLocatorWithAnUnknownParameterAPathOrAnEmptyCommandIsBroken() {
    Settings none = Settings.builder().build();
    CredentialSourceException unknown = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(none, "firefly:process?command=op&timeuot=5")));
    CredentialSourceException path = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(none, "firefly:process:op")));
    CredentialSourceException empty = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(none, "firefly:process?command=")));

    assertEquals("locator 'firefly:process?command=…&timeuot=…': unknown parameter 'timeuot'; the process source"
        + " knows: command", unknown.getMessage());
    assertEquals("locator 'firefly:process:op': the process source takes no path; use"
        + " firefly:process?command=<percent-encoded command line>", path.getMessage());
    assertEquals("locator 'firefly:process?command=…': parameter 'command' is empty", empty.getMessage());
  }

  @Test
  void anUnbalancedQuoteNamesTheSettingAndNeverQuotesTheCommandLine() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(settings("vault kv get -token=hvs.TOPSECRET 'secret/firefly"))));

    assertEquals("setting firefly.credential.process is not a valid command line: unbalanced single quote"
        + " (opened at character 35)", e.getMessage());
  }

  @Test
  void anUnbalancedQuoteInALocatorNamesTheParameter() {
    String locator = "firefly:process?command=" + URLEncoder.encode("op read \"x", StandardCharsets.UTF_8);

    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(Settings.builder().build(), locator)));

    assertEquals("parameter 'command' of locator 'firefly:process?command=…' is not a valid command line:"
        + " unbalanced double quote (opened at character 9)", e.getMessage());
  }

  @Test
  void aCommandLineWithoutExecutableIsBroken() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> source.load(TestSourceContext.of(settings("'' --help"))));

    assertEquals("setting firefly.credential.process names no executable (its first word is empty)", e.getMessage());
  }

  @Test
  void aBadTimeoutNamesTheSettingAndWhereItWasRead() {
    Path script = fixtures().script("success.sh");
    Settings bad = Settings.builder().put(ProcessRequest.COMMAND, commandLine(script))
        .environment(Map.of("FIREFLY_CREDENTIAL_PROCESS_TIMEOUT", "thirty")).build();
    Settings zero = settings(commandLine(script), "0");
    Settings negative = settings(commandLine(script), "-PT5S");
    Settings huge = settings(commandLine(script), "PT2H");

    ConfigurationException e1 =
        assertThrows(ConfigurationException.class, () -> source.load(TestSourceContext.of(bad)));
    ConfigurationException e2 =
        assertThrows(ConfigurationException.class, () -> source.load(TestSourceContext.of(zero)));
    ConfigurationException e3 =
        assertThrows(ConfigurationException.class, () -> source.load(TestSourceContext.of(negative)));
    ConfigurationException e4 =
        assertThrows(ConfigurationException.class, () -> source.load(TestSourceContext.of(huge)));

    assertEquals("environment variable FIREFLY_CREDENTIAL_PROCESS_TIMEOUT must be a duration in seconds (10) or"
        + " ISO-8601 (PT10S), was 'thirty'", e1.getMessage());
    assertEquals("setting firefly.credential.process.timeout must be from 1 ms to 1 h, was '0'", e2.getMessage());
    assertTrue(e3.getMessage().endsWith("was '-PT5S'"), e3.getMessage());
    assertTrue(e4.getMessage().endsWith("was 'PT2H'"), e4.getMessage());
    assertEquals(FireflyAuthException.Kind.BROKEN, e2.kind());
  }

  @Test
  void isDiscoveredAfterAwsSecrets() {
    CredentialSource found = ServiceLoader.load(CredentialSource.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(s -> s.name().equals("process"))
        .findFirst()
        .orElseThrow();

    assertTrue(found instanceof ProcessCredentialSource);
    assertEquals(400, found.order());
  }

  @Test
  void explainShowsTheExecutableNameAndNeverItsArguments() {
    Path script = fixtures().script("success.sh");
    Settings s = settings(commandLine(script, "--token", "hvs.ARGUMENT-TOKEN-77"));
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).sources("process").build()) {
      auth.credentials();
      String trace = auth.explain().toString();

      assertTrue(trace.contains("process: used") && trace.contains("[process success.sh]"), trace);
      assertTrue(!trace.contains("ARGUMENT-TOKEN") && !trace.contains(tmp.toString()), trace);
      Fixtures.assertNoSecret(trace);
    }
  }

  @Test
  void explainShowsTheSkipReasonWhenNotConfigured() {
    try (FireflyAuth auth = FireflyAuth.builder().settings(Settings.builder().build()).build()) {
      String trace = auth.explain().toString();

      assertTrue(trace.contains("process: skipped - FIREFLY_CREDENTIAL_PROCESS / firefly.credential.process is not"
          + " set"), trace);
    }
  }

  @Test
  void explainShowsABrokenCommandByItsExecutableName() {
    Path script = fixtures().script("fail.sh");
    Settings s = settings(commandLine(script, "--token", "hvs.ARGUMENT-TOKEN-77"));
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).sources("process").build()) {
      assertThrows(CredentialSourceException.class, auth::credentials);
      String trace = auth.explain().toString();

      assertTrue(trace.contains("process: broken - process fail.sh (setting firefly.credential.process) exited with"
          + " code 1"), trace);
      assertTrue(!trace.contains("ARGUMENT-TOKEN") && !trace.contains(tmp.toString()), trace);
      Fixtures.assertNoSecret(trace);
    }
  }

  @Test
  void toStringShowsNoArgument() {
    Path script = fixtures().script("success.sh");
    ProcessRequest r = ProcessRequest.read(TestSourceContext.of(settings(commandLine(script, "hvs.ARG-TOKEN"))))
        .orElseThrow();

    assertEquals("ProcessRequest{process success.sh (setting firefly.credential.process), 1 arguments, timeout 5 s}",
        r.toString());
  }
}

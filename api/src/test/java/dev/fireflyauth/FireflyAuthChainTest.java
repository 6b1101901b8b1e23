package dev.fireflyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.TraceEntry.Outcome;
import dev.fireflyauth.TraceEntry.Stage;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.TokenContext;
import dev.fireflyauth.spi.TokenProviderFactory;
import dev.fireflyauth.testing.LogCapture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FireflyAuthChainTest {
  private static final String SECRET = "s3cret-value-never-shown";
  private static final Settings EMPTY = Settings.builder().build();

  private static FireflyAuth.Builder auth(FixtureSource... sources) {
    FireflyAuth.Builder b = FireflyAuth.builder().settings(EMPTY);
    for (FixtureSource s : sources) {
      b.addSource(s);
    }
    return b;
  }

  private static List<String> outcomes(List<TraceEntry> trace) {
    return trace.stream()
        .filter(e -> e.stage() == Stage.CREDENTIALS)
        .map(e -> e.name() + " " + e.outcome())
        .collect(Collectors.toList());
  }

  @Test
  void anAbsentSourceIsSkippedWithItsReasonAndTheNextOneIsUsed() {
    FixtureSource a = FixtureSource.absent("a", 1, "A_ID is not set");
    FixtureSource b = FixtureSource.fixed("b", 2, "client-b-1234", SECRET);
    try (FireflyAuth auth = auth(b, a).build()) {
      assertEquals("client-b-1234", auth.credentials().clientId());
      List<TraceEntry> trace = auth.explain();
      assertEquals(List.of("a SKIPPED", "b USED"), outcomes(trace));
      assertEquals("A_ID is not set", trace.get(0).reason());
      assertEquals("b fixture", trace.get(1).origin());
      assertEquals("client ID ********1234, 1 secret", trace.get(1).reason());
    }
  }

  @Test
  void aBrokenSourceStopsTheChainAndIsNamed() {
    FixtureSource a = FixtureSource.broken("a", 1, "file /etc/x.json: missing 'client_id'");
    FixtureSource b = FixtureSource.fixed("b", 2, "client-b", SECRET);
    try (FireflyAuth auth = auth(a, b).build()) {
      CredentialSourceException e = assertThrows(CredentialSourceException.class, auth::credentials);
      assertEquals("a", e.source());
      assertEquals("file /etc/x.json: missing 'client_id'", e.getMessage());
      assertEquals(0, b.loads.get(), "must not fall through to another identity");
      assertEquals(List.of("a BROKEN", "b NOT_TRIED"), outcomes(auth.explain()));
      assertEquals("the chain stopped at a failing source", auth.explain().get(1).reason());
    }
  }

  @Test
  void nothingFoundListsEverySourceAndItsReason() {
    try (FireflyAuth auth = auth(
        FixtureSource.absent("a", 1, "A_ID is not set"), FixtureSource.absent("b", 2, "/x does not exist"))
        .addTokenProviderFactory(new FixedTokenFactory()).build()) {
      CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, auth::credentials);
      assertEquals("no Firefly credentials found. Tried: a: A_ID is not set; b: /x does not exist. Set"
          + " FIREFLY_SERVICES_CLIENT_ID and FIREFLY_SERVICES_CLIENT_SECRET, or FIREFLY_CREDENTIALS=<locator>",
          e.getMessage());
      assertEquals(List.of("a SKIPPED", "b SKIPPED"), outcomes(e.trace()));
      assertEquals(List.of("a SKIPPED", "b SKIPPED"), outcomes(auth.explain()));
      TraceEntry token = auth.explain().get(2);
      assertEquals(Stage.TOKEN, token.stage(), "the token chain is explained even without credentials");
      assertEquals(Outcome.USED, token.outcome());
    }
  }

  @Test
  void explicitOrderFromTheBuilderIsHonoured() {
    FixtureSource a = FixtureSource.fixed("a", 1, "client-a", SECRET);
    FixtureSource b = FixtureSource.fixed("b", 2, "client-b", SECRET);
    try (FireflyAuth auth = auth(a, b).sources("b", "a").build()) {
      assertEquals("client-b", auth.credentials().clientId());
      assertEquals(0, a.loads.get());
      assertEquals(List.of("b USED", "a NOT_TRIED"), outcomes(auth.explain()));
      assertEquals("an earlier source was used", auth.explain().get(1).reason());
    }
  }

  @Test
  void locatorsFromTheSettingReplaceTheDefaultChain() {
    FixtureSource a = FixtureSource.fixed("a", 1, "client-a", SECRET);
    FixtureSource b = FixtureSource.absent("b", 2, "nothing here");
    AtomicReference<Optional<Locator>> seen = new AtomicReference<>();
    FixtureSource c = new FixtureSource("c", 3, ctx -> {
      seen.set(ctx.locator());
      return FixtureSource.fixed("c", 3, "client-c", SECRET).behaviour.apply(ctx);
    });
    Settings s = Settings.builder().environment(Map.of("FIREFLY_CREDENTIALS", "firefly:b, firefly:c:part?k=v")).build();
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).addSource(a).addSource(b).addSource(c).build()) {
      assertEquals("client-c", auth.credentials().clientId());
      assertEquals("part", seen.get().orElseThrow().part());
      assertEquals(0, a.loads.get());
      assertEquals(List.of("b SKIPPED", "c USED"), outcomes(auth.explain()));
    }
  }

  @Test
  void aLocatorNoSourceAcceptsListsTheKnownSources() {
    try (FireflyAuth auth = auth(FixtureSource.absent("env", 1, "x"), FixtureSource.absent("file", 2, "y"))
        .locators("firefly:vault:secret/firefly").build()) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::credentials);
      assertEquals("no credential source accepts locator 'firefly:vault:secret/firefly' (read from the builder)."
          + " Known sources: env, file", e.getMessage());
    }
  }

  @Test
  void aMalformedLocatorNamesWhereItWasReadAndTheKnownSources() {
    Settings s = Settings.builder().environment(Map.of("FIREFLY_CREDENTIALS", "vault://x")).build();
    try (FireflyAuth auth = FireflyAuth.builder().settings(s).addSource(FixtureSource.absent("env", 1, "x")).build()) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::credentials);
      assertEquals("malformed locator 'vault://x': it must start with 'firefly:' (expected"
          + " firefly:<source>[:<part>][?key=value&...]), read from environment variable FIREFLY_CREDENTIALS."
          + " Known sources: env", e.getMessage());
    }
  }

  @Test
  void twoSourcesAcceptingOneLocatorIsAnError() {
    try (FireflyAuth auth = auth(FixtureSource.absent("x", 1, "-"), FixtureSource.absent("x", 2, "-"))
        .locators("firefly:x").build()) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::credentials);
      assertTrue(e.getMessage().startsWith("several credential sources accept locator 'firefly:x': x ("),
          e.getMessage());
    }
  }

  @Test
  void anUnknownSourceNameIsAnError() {
    try (FireflyAuth auth = auth(FixtureSource.absent("env", 1, "-")).sources("nope").build()) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::credentials);
      assertEquals("no credential source named 'nope'. Known sources: env", e.getMessage());
    }
  }

  @Test
  void aProviderBugIsReportedAsBrokenWithoutEchoingItsMessage() {
    FixtureSource buggy = new FixtureSource("buggy", 1, ctx -> {
      throw new IllegalStateException("oops " + SECRET);
    });
    try (FireflyAuth auth = auth(buggy).build()) {
      CredentialSourceException e = assertThrows(CredentialSourceException.class, auth::credentials);
      assertEquals("source 'buggy' failed unexpectedly with java.lang.IllegalStateException", e.getMessage());
      assertFalse(auth.explain().toString().contains(SECRET));
    }
  }

  @Test
  void warningsReachTheTraceAndTheLogOnce() {
    FixtureSource warns = new FixtureSource("w", 1, ctx -> {
      ctx.warn("FIREFLY_CLIENT_ID is deprecated");
      return FixtureSource.fixed("w", 1, "id-w", SECRET).behaviour.apply(ctx);
    });
    try (LogCapture logs = LogCapture.start(); FireflyAuth auth = auth(warns).build()) {
      auth.credentials();
      auth.explain();
      assertEquals(List.of("FIREFLY_CLIENT_ID is deprecated"), auth.explain().get(0).notes());
      assertEquals(1, logs.lines().stream().filter(l -> l.contains("FIREFLY_CLIENT_ID is deprecated")).count());
    }
  }

  /** A token provider factory handing out one fixed token and keeping its context for inspection. */
  private static final class FixedTokenFactory implements TokenProviderFactory {
    final AtomicReference<TokenContext> context = new AtomicReference<>();

    @Override
    public String name() {
      return "fixed-token";
    }

    @Override
    public Optional<TokenProvider> create(TokenContext ctx) {
      context.set(ctx);
      AccessToken t = AccessToken.withoutExpiry(Secret.of("tok-123-never-shown"), "bearer");
      return Optional.of(() -> t);
    }
  }

  @Test
  void headersCarryTheClientIdAndTheBearerToken() {
    FixedTokenFactory f = new FixedTokenFactory();
    try (FireflyAuth auth = auth(FixtureSource.fixed("a", 1, "client-a", SECRET)).addTokenProviderFactory(f).build()) {
      assertEquals(Map.of("x-api-key", "client-a", "Authorization", "Bearer tok-123-never-shown"), auth.headers());
      assertEquals(List.of("x-api-key", "Authorization"), List.copyOf(auth.headers().keySet()));
      HttpRequest r = auth.applyTo(HttpRequest.newBuilder(URI.create("https://firefly-api.adobe.io/v3/x"))).build();
      assertEquals(Optional.of("client-a"), r.headers().firstValue("x-api-key"));
      assertEquals(Optional.of("Bearer tok-123-never-shown"), r.headers().firstValue("Authorization"));
      TraceEntry tokenEntry = auth.explain().get(1);
      assertEquals(Stage.TOKEN, tokenEntry.stage());
      assertEquals(Outcome.USED, tokenEntry.outcome());
      assertNull(tokenEntry.origin());
    }
  }

  @Test
  void withoutAnyTokenProviderTheErrorSaysWhichModuleToAdd() {
    try (FireflyAuth auth = auth(FixtureSource.fixed("a", 1, "client-a", SECRET)).build()) {
      ConfigurationException e = assertThrows(ConfigurationException.class, auth::token);
      assertEquals("no token provider found on the class path: add firefly-auth-provider-ims", e.getMessage());
    }
  }

  @Test
  void reloadAsksTheSameSourceAgainBypassingCaches() {
    AtomicReference<Boolean> refreshSeen = new AtomicReference<>();
    FixtureSource rotating = new FixtureSource("r", 1, ctx -> {
      refreshSeen.set(ctx.bypassCaches());
      String secret = ctx.bypassCaches() ? "s3cret-new" : "s3cret-old";
      return Optional.of(ClientCredentials.builder().clientId("id").addSecret(Secret.of(secret)).origin("r").build());
    });
    FixtureSource other = FixtureSource.fixed("z", 9, "other", SECRET);
    FixedTokenFactory f = new FixedTokenFactory();
    try (FireflyAuth auth = auth(rotating, other).addTokenProviderFactory(f).build()) {
      auth.token();
      CredentialsHandle handle = f.context.get().credentials();
      assertEquals(Secret.of("s3cret-old"), handle.get().secrets().get(0));
      assertEquals(Boolean.FALSE, refreshSeen.get());
      assertEquals(Secret.of("s3cret-new"), handle.reload(true).secrets().get(0));
      assertEquals(Boolean.TRUE, refreshSeen.get());
      assertEquals(Secret.of("s3cret-new"), auth.credentials().secrets().get(0));
      assertEquals(0, other.loads.get());
    }
  }

  @Test
  void closeClosesSourcesAndLaterUseFails() {
    FixtureSource a = FixtureSource.fixed("a", 1, "client-a", SECRET);
    FireflyAuth auth = auth(a).build();
    auth.credentials();
    auth.close();
    assertTrue(a.closed);
    IllegalStateException e = assertThrows(IllegalStateException.class, auth::credentials);
    assertEquals("this FireflyAuth is closed", e.getMessage());
    auth.close();
  }

  @Test
  void instancesAreIndependent() {
    FixtureSource a = FixtureSource.fixed("a", 1, "client-a", SECRET);
    FixtureSource b = FixtureSource.fixed("a", 1, "client-b", SECRET);
    try (FireflyAuth one = auth(a).build(); FireflyAuth two = auth(b).build()) {
      assertEquals("client-a", one.credentials().clientId());
      assertEquals("client-b", two.credentials().clientId());
    }
  }

  @Test
  void nothingInTheTraceOrToStringRevealsTheSecret() {
    try (FireflyAuth auth = auth(FixtureSource.fixed("a", 1, "client-a", SECRET)).build()) {
      auth.credentials();
      assertFalse(auth.explain().toString().contains(SECRET));
      assertFalse(auth.credentials().toString().contains(SECRET));
      assertFalse(auth.toString().contains(SECRET));
    }
  }

  @Test
  void aTokenFactoryWithoutCredentialsIsRecordedAsSkipped() {
    TokenProviderFactory needsCredentials = new TokenProviderFactory() {
      @Override
      public String name() {
        return "exchange";
      }

      @Override
      public Optional<TokenProvider> create(TokenContext ctx) {
        ctx.credentials().get();
        return Optional.empty();
      }
    };
    try (FireflyAuth auth = auth(FixtureSource.absent("a", 1, "A_ID is not set"))
        .addTokenProviderFactory(needsCredentials).build()) {
      assertThrows(CredentialsNotFoundException.class, auth::token);
      TraceEntry last = auth.explain().get(1);
      assertEquals("exchange: skipped - no client credentials found", last.toString());
    }
  }

  @Test
  void anAddedProviderReplacesADiscoveredOneOfTheSameName() throws Exception {
    // A provider jar on the class path: the class and its META-INF/services entry in their own directory,
    // loaded by its own (unnamed-module) loader, as ServiceLoader finds class-path providers.
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("services");
    java.nio.file.Path services = dir.resolve("META-INF/services/dev.fireflyauth.spi.CredentialSource");
    java.nio.file.Files.createDirectories(services.getParent());
    java.nio.file.Files.writeString(services, DiscoverableSource.class.getName() + "\n");
    String classFile = DiscoverableSource.class.getName().replace('.', '/') + ".class";
    java.nio.file.Path copy = dir.resolve(classFile);
    java.nio.file.Files.createDirectories(copy.getParent());
    try (java.io.InputStream in = DiscoverableSource.class.getClassLoader().getResourceAsStream(classFile)) {
      java.nio.file.Files.write(copy, in.readAllBytes());
    }
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
        new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(DiscoverableSource.class.getName())) {
              synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
              }
            }
            return super.loadClass(name, resolve);
          }
        }) {
      try (FireflyAuth discovered = FireflyAuth.builder().settings(EMPTY).classLoader(loader).build()) {
        assertEquals("discovered-id", discovered.credentials().clientId());
      }
      try (FireflyAuth replaced = FireflyAuth.builder().settings(EMPTY).classLoader(loader)
          .addSource(FixtureSource.fixed("discoverable", 1, "added-id", SECRET)).build()) {
        assertEquals("added-id", replaced.credentials().clientId());
        assertEquals(List.of("discoverable"), replaced.sourceNames());
      }
    }
  }

  @Test
  void aProviderMissingADependencyIsReportedAsBroken() {
    FixtureSource missing = new FixtureSource("needs-jackson", 1, ctx -> {
      throw new NoClassDefFoundError("com/fasterxml/jackson/databind/json/JsonMapper");
    });
    try (FireflyAuth auth = auth(missing).build()) {
      CredentialSourceException e = assertThrows(CredentialSourceException.class, auth::credentials);
      assertEquals("source 'needs-jackson' cannot run: NoClassDefFoundError"
          + " com.fasterxml.jackson.databind.json.JsonMapper (add com.fasterxml.jackson.core:jackson-databind; is one"
          + " of its dependencies missing from the class path or module path?)", e.getMessage());
    }
  }

  @Test
  void anUnreachableSourceIsUnavailableNotBrokenAndStopsTheChain() {
    FixtureSource down = new FixtureSource("store", 1, ctx -> {
      throw new TransientException("secret store https://store.example could not be reached", null);
    });
    FixtureSource next = FixtureSource.fixed("b", 2, "client-b", SECRET);
    FixedTokenFactory f = new FixedTokenFactory();
    try (FireflyAuth auth = auth(down, next).addTokenProviderFactory(f).build()) {
      assertThrows(TransientException.class, auth::credentials);
      assertEquals(List.of("store UNAVAILABLE", "b NOT_TRIED"), outcomes(auth.explain()));
      assertEquals(0, next.loads.get());
    }
  }

  @Test
  void traceReportsWithoutRunningTheChains() {
    FixtureSource a = FixtureSource.fixed("a", 1, "client-a", SECRET);
    try (FireflyAuth auth = auth(a).addTokenProviderFactory(new FixedTokenFactory()).build()) {
      auth.token(); // the fixed token needs no credentials
      assertEquals(List.of("fixed-token: used - provides the access token"),
          auth.trace().stream().map(TraceEntry::toString).collect(Collectors.toList()));
      assertEquals(0, a.loads.get());
      auth.explain();
      assertEquals(1, a.loads.get());
    }
  }
}

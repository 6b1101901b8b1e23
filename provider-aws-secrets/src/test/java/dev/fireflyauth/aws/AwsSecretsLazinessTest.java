package dev.fireflyauth.aws;

import dev.fireflyauth.testkit.TestSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.CredentialsNotFoundException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.testkit.FakeTimeSource;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The source is discovered in every application that has the jar, so being present must cost nothing: no SDK
 * client, no thread, no SDK client classes loaded, until it is configured; and {@code close()} releases what
 * it built.
 */
class AwsSecretsLazinessTest {

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  @Test
  void discoveredThroughServiceLoader() {
    try (FireflyAuth auth = FireflyAuth.builder().settings(Settings.builder().build()).build()) {
      assertTrue(auth.sourceNames().contains("aws-secrets"), auth.sourceNames().toString());
    }
  }

  @Test
  void notConfiguredChainRunBuildsNoClientAndStartsNoThread() {
    AwsSecretsCredentialSource source = new AwsSecretsCredentialSource();
    Set<String> before = threadNames();
    try (FireflyAuth auth = FireflyAuth.builder()
        .classLoader(new URLClassLoader(new URL[0], null))
        .addSource(source)
        .settings(Settings.builder().build())
        .build()) {
      assertThrows(CredentialsNotFoundException.class, auth::credentials);
      TraceEntry entry = auth.explain().stream()
          .filter(e -> e.name().equals("aws-secrets")).findFirst().orElseThrow();
      assertEquals(TraceEntry.Outcome.SKIPPED, entry.outcome());
      assertTrue(entry.reason().contains("FIREFLY_AWS_SECRET_ID"), entry.reason());
    }
    Set<String> started = new java.util.HashSet<>(threadNames());
    started.removeAll(before);
    assertEquals(Set.of(), started);
    assertEquals(0, source.clientsBuilt());
  }

  @Test
  void discoveredAndUnusedLoadsNoSdkClassAtAll() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(toUrl(entry));
    }
    try (Probe loader = new Probe(urls.toArray(new URL[0]))) {
      Class<?> type = Class.forName(AwsSecretsCredentialSource.class.getName(), true, loader);
      Object source = type.getConstructor().newInstance();
      assertEquals("aws-secrets", type.getMethod("name").invoke(source));
      type.getMethod("close").invoke(source);
      for (String sdk : List.of(
          "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
          "software.amazon.awssdk.services.secretsmanager.DefaultSecretsManagerClientBuilder",
          "dev.fireflyauth.aws.JdkSdkHttpClient",
          "software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain",
          "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider")) {
        assertFalse(loader.loaded(sdk), sdk + " was loaded by merely creating the source");
      }
      assertEquals(List.of(), loader.sdkClassesLoaded(), "merely creating the source loaded AWS SDK classes");
    }
  }

  @Test
  void closeClosesTheClientAndLaterLoadsFail() {
    try (SecretsManagerStub aws = new SecretsManagerStub()) {
      aws.secretString("{\"client_id\":\"id\",\"client_secret\":\"s\"}");
      AwsSecretsCredentialSource source = TestAws.source();
      TestSourceContext ctx = TestSourceContext.of(TestAws.settings(aws), "firefly:aws-secrets:prod/firefly", new FakeTimeSource());
      source.load(ctx);
      assertEquals(1, source.clientsOpen());
      source.close();
      assertEquals(0, source.clientsOpen());
      source.close(); // idempotent
      CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> source.load(ctx));
      assertEquals("the aws-secrets source is closed", e.getMessage());
    }
  }

  @Test
  void fireflyAuthCloseClosesTheSource() {
    try (SecretsManagerStub aws = new SecretsManagerStub()) {
      aws.secretString("{\"client_id\":\"id\",\"client_secret\":\"s\"}");
      AwsSecretsCredentialSource source = TestAws.source();
      FireflyAuth auth = FireflyAuth.builder()
          .classLoader(new URLClassLoader(new URL[0], null))
          .addSource(source)
          .settings(TestAws.settings(aws))
          .locators("firefly:aws-secrets:prod/firefly")
          .build();
      assertEquals("id", auth.credentials().clientId());
      assertEquals(1, source.clientsOpen());
      auth.close();
      assertEquals(0, source.clientsOpen());
    }
  }

  private static URL toUrl(String path) {
    try {
      return new File(path).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh class loader (parent: the platform loader) that says which classes it has loaded. */
  private static final class Probe extends URLClassLoader {
    Probe(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    private final List<String> sdk = new java.util.concurrent.CopyOnWriteArrayList<>();

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (name.startsWith("software.amazon.awssdk.")) {
        sdk.add(name);
      }
      return super.findClass(name);
    }

    List<String> sdkClassesLoaded() {
      return List.copyOf(sdk);
    }
  }
}

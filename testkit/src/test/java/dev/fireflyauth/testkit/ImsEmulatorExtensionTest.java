package dev.fireflyauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The JUnit 5 extension: one emulator per class, a client registered before the first test, injection into
 * methods and constructors, closed after the class. The static nested fixture classes are run through the
 * JUnit engine by the tests below (Surefire skips nested classes on its own).
 */
class ImsEmulatorExtensionTest {
  @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();

  private final ImsEmulator constructed;
  private final Http http = new Http();

  ImsEmulatorExtensionTest(ImsEmulator constructed) {
    this.constructed = constructed;
  }

  @Test
  void registersAClientThatGetsATokenBeforeTheFirstTest() {
    var r = http.token(ims.tokenUrl(), ims.client());
    assertEquals(200, r.statusCode());
    assertTrue(ims.emulator().isValidToken(Http.accessToken(r)));
  }

  @Test
  void injectsTheEmulatorTheClientAndTheTokenUrl(ImsEmulator emulator, RegisteredClient client, URI tokenUrl) {
    assertSame(ims.emulator(), emulator);
    assertSame(ims.client(), client);
    assertEquals(ims.tokenUrl(), tokenUrl);
    assertSame(ims.emulator(), constructed, "constructor injection");
  }

  @Nested
  class NestedTests {
    @Test
    void shareTheOuterEmulator(ImsEmulator emulator) {
      assertSame(ims.emulator(), emulator);
    }
  }

  private static Events run(Class<?> fixture) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    results.containerEvents().assertStatistics(s -> s.failed(0)); // @AfterAll checks and the extension's own
    return results.testEvents();
  }

  @Test
  void closesTheEmulatorAfterTheClass() {
    run(OneClass.class).assertStatistics(s -> s.succeeded(2).failed(0));
    ImsEmulator seen = OneClass.seen.get();
    assertTrue(seen.toString().endsWith(", closed]"), seen.toString());
    assertThrows(IOException.class, () -> http.sendOrThrow(HttpRequest.newBuilder(seen.tokenUrl()).GET().build()));
  }

  @Test
  void aNestedClassNeitherRestartsNorClosesTheEmulator() {
    run(WithNested.class).assertStatistics(s -> s.succeeded(2).failed(0));
    assertTrue(WithNested.seen.get().toString().endsWith(", closed]"));
  }

  @Test
  void injectsIntoTheConstructorOfAPerClassInstance() {
    run(PerClass.class).assertStatistics(s -> s.succeeded(1).failed(0));
    assertTrue(PerClass.seen.get().toString().endsWith(", closed]"));
  }

  @Test
  void takesAConfiguredBuilder() {
    run(Configured.class).assertStatistics(s -> s.succeeded(1).failed(0));
  }

  @Test
  void anInstanceFieldRegistrationFailsWithAnExplanation() {
    run(InstanceField.class).assertStatistics(s -> s.failed(1)).assertThatEvents().haveExactly(1,
        finishedWithFailure(message(m -> m.contains(
            "the IMS emulator is not running: register ImsEmulatorExtension with @RegisterExtension on a static"
                + " field"))));
  }

  @Test
  void outsideATestClassTheExtensionSaysItIsNotRunning() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ImsEmulatorExtension().client());
    assertTrue(e.getMessage().startsWith("the IMS emulator is not running"), e.getMessage());
  }

  static class OneClass {
    static final AtomicReference<ImsEmulator> seen = new AtomicReference<>();
    @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();

    @Test
    void first(ImsEmulator emulator) {
      seen.compareAndSet(null, emulator);
      assertSame(seen.get(), emulator, "one emulator per class");
    }

    @Test
    void second(ImsEmulator emulator) {
      first(emulator);
    }
  }

  static class WithNested {
    static final AtomicReference<ImsEmulator> seen = new AtomicReference<>();
    @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();

    @Test
    void outer(ImsEmulator emulator) {
      seen.set(emulator);
    }

    @AfterAll
    static void stillRunningAfterTheNestedClass() {
      assertSame(seen.get(), ims.emulator());
    }

    @Nested
    class Inner {
      @Test
      void inner(ImsEmulator emulator) {
        assertSame(seen.get(), emulator);
      }
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClass {
    static final AtomicReference<ImsEmulator> seen = new AtomicReference<>();
    @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();
    private final RegisteredClient client;

    PerClass(ImsEmulator emulator, RegisteredClient client) {
      seen.set(emulator);
      this.client = client;
    }

    @Test
    void sameEmulatorAsTheConstructorGot() {
      assertSame(seen.get(), ims.emulator());
      assertSame(ims.client(), client);
    }
  }

  static class Configured {
    @RegisterExtension
    static ImsEmulatorExtension ims = new ImsEmulatorExtension(ImsEmulator.builder().expiresIn(Duration.ofMinutes(1)));

    @Test
    void issuesOneMinuteTokens(RegisteredClient client) {
      assertEquals(60, Http.json(new Http().token(ims.tokenUrl(), client)).get("expires_in").asLong());
    }
  }

  static class InstanceField {
    @RegisterExtension ImsEmulatorExtension ims = new ImsEmulatorExtension();

    @Test
    void needsTheEmulator(ImsEmulator emulator) {}
  }
}

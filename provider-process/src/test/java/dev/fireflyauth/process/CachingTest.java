package dev.fireflyauth.process;

import static dev.fireflyauth.process.Fixtures.commandLine;
import static dev.fireflyauth.process.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testkit.TestSourceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the command runs: every load by default, until {@code expires_at} when given, always on refresh. */
class CachingTest {
  @TempDir Path tmp;
  private final ProcessCredentialSource source = new ProcessCredentialSource();
  private final FakeTimeSource time = new FakeTimeSource(); // starts at 2026-11-30T00:00:00Z

  private TestSourceContext context(Object... words) {
    return TestSourceContext.of(settings(commandLine(words)), null, time);
  }

  @Test
  void withoutExpiresAtEveryLoadRunsTheCommand() {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    TestSourceContext ctx = context(f.script("counted.sh"), counter);

    source.load(ctx);
    source.load(ctx);
    source.load(ctx);

    assertEquals(3, Fixtures.runs(counter));
  }

  @Test
  void anAnswerIsReusedUntilItsExpiresAtAndThenRunAgain() {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    TestSourceContext ctx = context(f.script("counted.sh"), counter, "2026-11-30T01:00:00Z");

    ClientCredentials first = source.load(ctx).orElseThrow();
    time.advance(Duration.ofMinutes(59));
    ClientCredentials second = source.load(ctx).orElseThrow();
    assertEquals(1, Fixtures.runs(counter));
    assertEquals(first, second);

    time.advance(Duration.ofMinutes(2));
    source.load(ctx);
    assertEquals(2, Fixtures.runs(counter));
  }

  @Test
  void anExpiresAtWithAnOffsetIsUnderstood() {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    TestSourceContext ctx = context(f.script("counted.sh"), counter, "2026-11-30T02:30:00.5+02:00"); // 00:30:00.5Z

    source.load(ctx);
    time.advance(Duration.ofMinutes(30));
    source.load(ctx);
    assertEquals(1, Fixtures.runs(counter));
    time.advance(Duration.ofSeconds(1));
    source.load(ctx);
    assertEquals(2, Fixtures.runs(counter));
  }

  @Test
  void aRefreshAfterARejectionAlwaysRunsTheCommandAndKeepsTheNewAnswer() {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    TestSourceContext ctx = context(f.script("counted.sh"), counter, "2026-11-30T01:00:00Z");

    source.load(ctx);
    source.load(ctx.bypassingCaches());
    assertEquals(2, Fixtures.runs(counter));
    source.load(ctx.bypassingCaches());
    assertEquals(3, Fixtures.runs(counter));
    source.load(ctx);
    assertEquals(3, Fixtures.runs(counter), "the refreshed answer is kept for the next ordinary load");
  }

  @Test
  void aFailedRefreshDropsTheRejectedAnswer() throws Exception {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    Path secret = f.file("secret");
    Files.writeString(secret, "s3cr3t-counted-8d9c");
    TestSourceContext ctx = context(f.script("rotating.sh"), counter, secret); // expires_at 2099

    source.load(ctx);
    Files.delete(secret); // the store now answers without a secret
    assertThrows(CredentialSourceException.class, () -> source.load(ctx.bypassingCaches()));
    assertThrows(CredentialSourceException.class, () -> source.load(ctx), "the rejected answer is not kept");

    assertEquals(3, Fixtures.runs(counter));
  }

  @Test
  void anExpiresAtInThePastIsNotKept() {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    TestSourceContext ctx = context(f.script("counted.sh"), counter, "2026-11-29T23:59:59Z");

    source.load(ctx);
    source.load(ctx);

    assertEquals(2, Fixtures.runs(counter));
  }

  @Test
  void aWallClockJumpAfterTheAnswerDoesNotExpireIt() {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    TestSourceContext ctx = context(f.script("counted.sh"), counter, "2026-11-30T01:00:00Z");

    source.load(ctx);
    time.jumpWallClock(Duration.ofHours(5));
    source.load(ctx);

    assertEquals(1, Fixtures.runs(counter));
  }

  @Test
  void differentCommandsAreKeptApart() {
    Fixtures f = new Fixtures(tmp);
    Path script = f.script("counted.sh");
    Path a = f.file("runs-a");
    Path b = f.file("runs-b");

    source.load(context(script, a, "2026-11-30T01:00:00Z"));
    source.load(context(script, b, "2026-11-30T01:00:00Z"));
    source.load(context(script, a, "2026-11-30T01:00:00Z"));

    assertEquals(1, Fixtures.runs(a));
    assertEquals(1, Fixtures.runs(b));
  }

  @Test
  void closeForgetsKeptAnswers() {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    TestSourceContext ctx = context(f.script("counted.sh"), counter, "2026-11-30T01:00:00Z");

    source.load(ctx);
    source.close();
    source.load(ctx);

    assertEquals(2, Fixtures.runs(counter));
  }

  @Test
  void concurrentLoadsShareOneRun() throws Exception {
    Fixtures f = new Fixtures(tmp);
    Path counter = f.file("runs");
    Path release = f.file("release");
    TestSourceContext ctx = context(f.script("gated.sh"), counter, release);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Thread> followers = new ArrayList<>();
      List<Future<ClientCredentials>> results = new ArrayList<>();
      results.add(pool.submit(() -> source.load(ctx).orElseThrow()));
      await(() -> Fixtures.runs(counter) == 1, "the first load starts the command");
      for (int i = 0; i < 7; i++) {
        results.add(pool.submit(() -> {
          synchronized (followers) {
            followers.add(Thread.currentThread());
          }
          return source.load(ctx).orElseThrow();
        }));
      }
      // Every follower is parked waiting for the shared run before the command may answer.
      await(() -> {
        synchronized (followers) {
          return followers.size() == 7 && followers.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
        }
      }, "all loads wait for the one run");
      Files.createFile(release);

      for (Future<ClientCredentials> r : results) {
        assertEquals("gated-client", r.get(20, TimeUnit.SECONDS).clientId());
      }
      assertEquals(1, Fixtures.runs(counter));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - until > 0) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean());
  }
}

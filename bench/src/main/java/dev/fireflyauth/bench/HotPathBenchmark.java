package dev.fireflyauth.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * P1: the cost of asking for a token that is cached and valid, on one and on two threads, per peer.
 *
 * <p>Why it exists: this call sits on every request an application makes, so it must cost no more than the
 * fastest alternative and close to a plain volatile read. Each peer runs in its own fork, so every call site
 * sees one implementation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

  @Param({"firefly", "aws-blocking", "aws-nonblocking", "guava", "google", "azure", "volatile", "volatile+nanoTime"})
  public String peer;

  private Contender contender;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    contender = Peer.byId(peer).create(FakeIms.builder().build());
    contender.token();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    contender.close();
  }

  @Benchmark
  @Threads(1)
  public Object oneThread() throws Exception {
    return contender.token();
  }

  @Benchmark
  @Threads(2)
  public Object twoThreads() throws Exception {
    return contender.token();
  }
}

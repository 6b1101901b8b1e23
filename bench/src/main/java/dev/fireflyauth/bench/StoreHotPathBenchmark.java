package dev.fireflyauth.bench;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * P1 with a token store configured: {@code token()} of a {@link FireflyAuth} token provider on a cached valid
 * token, with no store, the file store, and the Redis store (a real {@code redis-server} started for the fork),
 * over the IMS provider and the test kit's emulator.
 *
 * <p>Why it exists: the store is consulted only when the cache would exchange, so the hot path must cost the same
 * with any store; this measures it through the public API an application uses rather than assuming it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreHotPathBenchmark {

  @Param({"none", "file", "redis"})
  public String store;

  private ImsEmulator ims;
  private RedisProcess redis;
  private FireflyAuth auth;
  private TokenProvider provider;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    ims = ImsEmulator.start();
    RegisteredClient client = ims.registerClient();
    String spec;
    switch (store) {
      case "none":
        spec = "none";
        break;
      case "file":
        Path dir = Files.createTempDirectory("firefly-bench-store-");
        spec = "file:" + dir.resolve("tokens");
        break;
      case "redis":
        redis = RedisProcess.start(RedisProcess.binary()
            .orElseThrow(() -> new IllegalStateException("redis-server is not on the PATH")));
        spec = redis.spec();
        break;
      default:
        throw new IllegalArgumentException(store);
    }
    auth = FireflyAuth.builder()
        .settings(Settings.builder().put(Setting.IMS_URL, ims.tokenUrl().toString()).build())
        .credentials(ClientCredentials.builder().clientId(client.clientId())
            .addSecret(Secret.of(client.clientSecret())).build())
        .tokenStore(spec)
        .build();
    provider = auth.tokenProvider();
    AccessToken first = provider.token();
    if (first.value().reveal().isEmpty()) {
      throw new IllegalStateException("no token");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    auth.close();
    ims.close();
    if (redis != null) {
      redis.close();
    }
  }

  @Benchmark
  @Threads(1)
  public AccessToken oneThread() {
    return provider.token();
  }

  @Benchmark
  @Threads(2)
  public AccessToken twoThreads() {
    return provider.token();
  }
}

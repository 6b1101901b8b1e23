package dev.fireflyauth.redis;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a real {@code redis-server} per test class (free loopback port, no persistence, temporary directory)
 * and stops it after; before each test it is running, not paused, a master, empty and back to its default memory limit.
 *
 * <p>Without {@code redis-server} on the PATH, the class is skipped and one line says which package to install;
 * with {@code CI=true} that is a failure instead, so CI always runs the Redis tests. Register it with
 * {@code @ExtendWith} or, for a password-protected server, {@code @RegisterExtension static … =
 * RedisServerExtension.withPassword("…")}; test methods and constructors may take the {@link RedisServer}.
 */
public final class RedisServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
  static final String MISSING = "redis-server is not installed: the Redis tests are skipped; install it with "
      + "'apt-get install redis-server' (Debian/Ubuntu), or run with CI=true to make this a failure";
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  private final String password;
  private final boolean tls;
  private final List<String> extra;
  private RedisServer server;

  public RedisServerExtension() {
    this(null, false, List.of());
  }

  private RedisServerExtension(String password, boolean tls, List<String> extra) {
    this.password = password;
    this.tls = tls;
    this.extra = extra;
  }

  /** A server that requires {@code password}. */
  static RedisServerExtension withPassword(String password) {
    return new RedisServerExtension(password, false, List.of());
  }

  /** A server that also listens with TLS (see {@link RedisServer#tlsPort()}). */
  static RedisServerExtension withTls() {
    return new RedisServerExtension(null, true, List.of());
  }

  /** A server started with these extra {@code redis-server} arguments. */
  static RedisServerExtension withArguments(String... args) {
    return new RedisServerExtension(null, false, List.of(args));
  }

  /** The server (started before the first test). */
  RedisServer server() {
    return server;
  }

  /** The server binary; skips (or, under CI, fails) the calling test when it is absent. */
  static String requireBinary() {
    return requireBinary(RedisServer.binary(), System.getenv("CI"), line -> {
      if (TOLD.compareAndSet(false, true)) {
        System.err.println(line); // once per JVM, however many classes are skipped
      }
    });
  }

  /** {@link #requireBinary()} for a given look-up result and value of {@code CI}, telling {@code tell} why it skips. */
  static String requireBinary(Optional<String> binary, String ci, Consumer<String> tell) {
    if (binary.isEmpty()) {
      if ("true".equalsIgnoreCase(ci)) {
        throw new IllegalStateException("CI=true but redis-server is not installed: install it with "
            + "'apt-get install -y redis-server' (.ci/run does this)");
      }
      tell.accept(MISSING);
      Assumptions.abort(MISSING);
    }
    return binary.get();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RedisServer.start(requireBinary(), password, tls, extra);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      return;
    }
    server.resume();
    if (!server.running()) {
      server.restart();
    }
    RedisAdmin admin = server.admin();
    if (extra.contains("--cluster-enabled")) {
      return; // FLUSHALL works there too, but a cluster test owns its node's state
    }
    admin.call("REPLICAOF", "NO", "ONE");
    admin.call("FLUSHALL");
    admin.call("CONFIG", "SET", "maxmemory", "0");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server;
  }
}

package dev.fireflyauth.redis;

import dev.fireflyauth.spi.TokenStoreException;
import dev.fireflyauth.spi.support.PeerText;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * The only class that touches Lettuce: one client with its own small event loops, one connection opened on
 * demand, commands in JDK types, and every Lettuce failure turned into a {@link TokenStoreException} whose
 * message says why in a line, never with a password.
 *
 * <p>Why it exists: it keeps Netty and Lettuce out of every class that {@link java.util.ServiceLoader} or the
 * library touches before the store is used, and it puts one failure policy in one place:
 * <ul>
 *   <li>Lettuce's own reconnect is off, and commands are rejected, not queued, while disconnected: a call
 *       during an outage fails at once. The next call after a lost connection connects again, so the store is
 *       back as soon as Redis is.</li>
 *   <li>After a failure of the connection (refused, lost, no reply within the command timeout, credentials
 *       refused), calls fail fast with the same reason for {@link #PAUSE}, so a Redis that hangs costs one
 *       timeout, not one per call.</li>
 *   <li>An error reply (out of memory, wrong type) fails that command only; {@code READONLY} (a master that a
 *       failover demoted) also drops the connection, so the next one finds the new master.</li>
 * </ul>
 * Thread-safe; commands run concurrently on the one connection, as Lettuce allows.
 */
final class LettuceSession implements AutoCloseable {
  /** How long calls fail fast after the connection failed. */
  static final Duration PAUSE = Duration.ofSeconds(1);
  private static final int MAX_SCAN = 10_000;

  private final RedisConfig config;
  private final String describe;
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final List<RedisURI> uris;
  private final Object connecting = new Object();
  private volatile Handle current;
  private volatile Pause pause;
  private volatile boolean closed;

  /** Calls fail fast with {@code reason} until {@code untilNanos}. */
  private record Pause(long untilNanos, String reason) {
    boolean active() {
      return System.nanoTime() - untilNanos < 0;
    }
  }

  /** A connection and its two command interfaces, which every topology shares. */
  private record Handle(
      StatefulConnection<byte[], byte[]> connection, RedisClusterCommands<byte[], byte[]> sync,
      RedisClusterAsyncCommands<byte[], byte[]> async) {}

  /** Builds the client and its event loops; connects on the first command. */
  LettuceSession(RedisConfig config, String describe) {
    this.config = config;
    this.describe = describe;
    this.uris = uris(config);
    this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    if (config.location().topology() == RedisLocation.Topology.CLUSTER) {
      RedisClusterClient c = RedisClusterClient.create(resources, uris);
      ClusterClientOptions.Builder options = ClusterClientOptions.builder();
      c.setOptions(options(options, config).build());
      this.client = c;
    } else {
      RedisClient c = RedisClient.create(resources);
      c.setOptions(options(ClientOptions.builder(), config).build());
      this.client = c;
    }
  }

  /** Lettuce's reconnect off, commands rejected (not queued) while disconnected, our timeouts, RESP2 (no HELLO). */
  private static <B extends ClientOptions.Builder> B options(B b, RedisConfig config) {
    b.autoReconnect(false)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled()) // the connection's own timeout: see connect()
        .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
        .protocolVersion(ProtocolVersion.RESP2);
    return b;
  }

  byte[] get(byte[] key) {
    return call(h -> h.sync.get(key), true);
  }

  void set(byte[] key, byte[] value, long ttlMillis) {
    call(h -> h.sync.set(key, value, SetArgs.Builder.px(ttlMillis)), true);
  }

  /** {@code SET key value NX PX ttl}: whether it was set. */
  boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
    return "OK".equals(call(h -> h.sync.set(key, value, SetArgs.Builder.nx().px(ttlMillis)), true));
  }

  void delete(byte[] key) {
    call(h -> h.sync.del(key), true);
  }

  /** Runs a Lua script on one key that returns an integer. */
  long eval(String script, byte[] key, byte[]... args) {
    Long n = call(h -> h.sync.<Long>eval(script, ScriptOutputType.INTEGER, new byte[][] {key}, args), true);
    return n == null ? 0 : n;
  }

  /**
   * Sends a script without waiting for its reply, and only on a connection already open; failures are
   * ignored (the caller has a lease to fall back on). Commands on one connection run in order, so this runs
   * after everything sent before it, even a command whose reply timed out.
   */
  void evalAndForget(String script, byte[] key, byte[]... args) {
    Handle h = current;
    if (h == null || closed || !h.connection.isOpen()) {
      return;
    }
    try {
      h.async.<Long>eval(script, ScriptOutputType.INTEGER, new byte[][] {key}, args)
          .exceptionally(e -> null);
    } catch (RuntimeException ignored) {
      // rejected at once (closing, disconnected): nothing was sent
    }
  }

  /** Keys matching {@code pattern}, at most {@value #MAX_SCAN}, by {@code SCAN} (never {@code KEYS}). */
  List<byte[]> scan(String pattern) {
    return call(h -> {
      List<byte[]> keys = new ArrayList<>();
      ScanIterator<byte[]> it = ScanIterator.scan(h.sync, ScanArgs.Builder.matches(pattern).limit(500));
      while (it.hasNext() && keys.size() < MAX_SCAN) {
        keys.add(it.next());
      }
      return keys;
    }, true);
  }

  /** A bounded {@code PING}, connecting if needed even while paused: for {@code problem()}. */
  void ping() {
    call(h -> h.sync.ping(), false);
  }

  /** Runs {@code task} every {@code period} on the client's event executor until the future is cancelled. */
  Future<?> every(Duration period, Runnable task) {
    long ms = Math.max(1, period.toMillis());
    return resources.eventExecutorGroup().scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Closes the connection, the client and its event loops, waiting a little for their threads to end. */
  @Override
  public void close() {
    Handle h;
    synchronized (connecting) {
      if (closed) {
        return;
      }
      closed = true;
      h = current;
      current = null;
    }
    try {
      // Closed before the client, and waited for: else the client's shutdown closes it (or a cluster's node
      // connections) a second time, and Lettuce logs "Connection is already closed" as a warning.
      if (h != null && h.connection.isOpen()) {
        h.connection.close();
      }
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } catch (RuntimeException ignored) {
      // shutting down what is already broken
    }
    resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3000);
  }

  private <T> T call(Function<Handle, T> command, boolean honourPause) {
    Pause p = pause;
    if (honourPause && p != null && p.active()) {
      throw failure(p.reason());
    }
    for (int attempt = 0; ; attempt++) {
      Handle h = handle();
      try {
        return command.apply(h);
      } catch (RuntimeException e) {
        if (attempt == 0 && neverSent(e)) {
          discard(h); // the connection was lost since the last call: connect again once, at once
          continue;
        }
        throw failed(e, false);
      }
    }
  }

  /** Lettuce rejected the command before sending it because the connection is gone. */
  private static boolean neverSent(RuntimeException e) {
    return e.getClass() == RedisException.class && e.getMessage() != null
        && e.getMessage().startsWith("Currently not connected");
  }

  private void discard(Handle h) {
    synchronized (connecting) {
      if (current == h) {
        current = null;
      }
    }
    if (h.connection.isOpen()) {
      h.connection.closeAsync();
    }
  }

  private Handle handle() {
    Handle h = current;
    if (h != null && h.connection.isOpen()) {
      return h;
    }
    synchronized (connecting) {
      if (closed) {
        throw failure("the store is closed");
      }
      h = current;
      if (h != null && h.connection.isOpen()) {
        return h;
      }
      current = null; // a connection Lettuce saw drop is closed already (its reconnect is off)
      try {
        h = connect();
      } catch (RuntimeException e) {
        throw failed(e, true);
      }
      current = h;
      pause = null;
      return h;
    }
  }

  @SuppressWarnings("unchecked")
  private Handle connect() {
    CompletableFuture<? extends StatefulConnection<byte[], byte[]>> f =
        client instanceof RedisClusterClient c
            // The topology first (CLUSTER NODES from a seed), then the connection that routes by it.
            ? c.refreshPartitionsAsync().toCompletableFuture().thenCompose(v -> c.connectAsync(ByteArrayCodec.INSTANCE))
            : ((RedisClient) client).connectAsync(ByteArrayCodec.INSTANCE, uris.get(0)).toCompletableFuture();
    // TCP connect, then AUTH / SELECT / CLIENT SETNAME (for Sentinel and Cluster, a few of those per node), each
    // within the connect timeout.
    long boundMs = 3 * config.connectTimeout().toMillis() * uris.size()
        + (config.location().topology() == RedisLocation.Topology.STANDALONE ? 0 : config.connectTimeout().toMillis());
    StatefulConnection<byte[], byte[]> c;
    try {
      c = f.get(boundMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      f.thenAccept(StatefulConnection::closeAsync);
      throw new ConnectTimeout(boundMs);
    } catch (ExecutionException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof RedisCommandTimeoutException) {
          throw new ConnectTimeout(config.connectTimeout().toMillis()); // the handshake had no reply
        }
      }
      throw e.getCause() instanceof RuntimeException r ? r : new RedisConnectionException("connect failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      f.thenAccept(StatefulConnection::closeAsync);
      throw new ConnectTimeout(0);
    }
    Handle h = c instanceof StatefulRedisClusterConnection<byte[], byte[]> cc
        ? new Handle(cc, cc.sync(), cc.async())
        : new Handle(c, ((StatefulRedisConnection<byte[], byte[]>) c).sync(),
            ((StatefulRedisConnection<byte[], byte[]>) c).async());
    // A first command in a fresh JVM pays for class loading and a cold JIT, often more than a short command
    // timeout on a busy machine: one PING within the connect timeout warms the path before the short one applies.
    try {
      h.sync.ping();
    } catch (RedisCommandTimeoutException e) {
      c.closeAsync();
      throw new ConnectTimeout(config.connectTimeout().toMillis());
    } catch (RuntimeException e) {
      c.closeAsync();
      throw e;
    }
    if (c instanceof StatefulRedisClusterConnection<byte[], byte[]> cc) {
      connectMasters(cc);
    }
    c.setTimeout(config.timeout());
    return h;
  }

  /**
   * Opens the connection to every master before the first command: with reconnects off, Lettuce rejects a
   * command whose node connection is still being opened.
   */
  private void connectMasters(StatefulRedisClusterConnection<byte[], byte[]> cc) {
    List<CompletableFuture<?>> nodes = new ArrayList<>();
    for (RedisClusterNode n : cc.getPartitions()) {
      if (n.is(RedisClusterNode.NodeFlag.UPSTREAM) && !n.getSlots().isEmpty()) {
        nodes.add(cc.getConnectionAsync(n.getUri().getHost(), n.getUri().getPort())); // how commands find it
      }
    }
    try {
      CompletableFuture.allOf(nodes.toArray(new CompletableFuture<?>[0]))
          .get(3 * config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cc.closeAsync();
      throw new ConnectTimeout(3 * config.connectTimeout().toMillis());
    } catch (ExecutionException e) {
      cc.closeAsync();
      throw e.getCause() instanceof RuntimeException r ? r : new RedisConnectionException("connect failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cc.closeAsync();
      throw new ConnectTimeout(0);
    }
  }

  /** A connect that took longer than its bound. */
  private static final class ConnectTimeout extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectTimeout(long ms) {
      super(ms == 0 ? "interrupted while connecting" : "no connection within " + ms + " ms", null, false, false);
    }
  }

  /**
   * Classifies {@code e}, pauses the store when the connection is at fault, and returns what to throw;
   * {@code connecting}: it came from opening a connection rather than from a command on an open one.
   */
  private TokenStoreException failed(RuntimeException e, boolean connecting) {
    Reason r = reason(e, connecting);
    if (r.connection) {
      pause = new Pause(System.nanoTime() + PAUSE.toNanos(), r.text);
    }
    Handle h = current;
    if (r.reconnect && h != null) {
      discard(h);
    }
    return failure(r.text);
  }

  private TokenStoreException failure(String reason) {
    return new TokenStoreException(describe + ": " + reason, null);
  }

  /**
   * Why a command failed; {@code connection}: the connection is at fault (pause the store); {@code reconnect}:
   * this connection must not be used again.
   */
  private record Reason(String text, boolean connection, boolean reconnect) {
    Reason(String text, boolean connection) {
      this(text, connection, false);
    }
  }

  private Reason reason(RuntimeException e, boolean connecting) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && chain.size() < 10; t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      if (t instanceof RedisCommandExecutionException) {
        String msg = clean(t.getMessage());
        String upper = msg.toUpperCase(Locale.ROOT);
        if (upper.startsWith("NOAUTH") || (upper.startsWith("ERR") && upper.contains("AUTH") && config.password() == null)) {
          return new Reason("Redis requires a password (" + msg + "); set " + RedisTokenStoreFactory.PASSWORD, true);
        }
        if (upper.startsWith("WRONGPASS") || upper.contains("INVALID PASSWORD") || upper.contains("INVALID USERNAME")
            || (upper.startsWith("ERR") && upper.contains("AUTH"))) {
          return new Reason("Redis refused the credentials (" + msg + "); check " + config.credentialsWhere(), true);
        }
        if (upper.startsWith("OOM")) {
          return new Reason("Redis is out of memory and refuses writes (" + msg + ")", false);
        }
        if (upper.startsWith("READONLY")) {
          // A master demoted by a failover: the next connection asks Sentinel (or the cluster) again.
          return new Reason("the server is a read-only replica now (" + msg + ")", true, true);
        }
        if (upper.startsWith("LOADING") || upper.startsWith("MASTERDOWN") || upper.startsWith("CLUSTERDOWN")
            || upper.startsWith("BUSY")) {
          return new Reason("Redis cannot serve requests now (" + msg + ")", true);
        }
        return new Reason("Redis refused the command (" + msg + ")", false);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof ConnectTimeout) {
        return new Reason(t.getMessage() + " (" + RedisTokenStoreFactory.CONNECT_TIMEOUT.env() + ")", true);
      }
      if (t instanceof RedisCommandTimeoutException) {
        return new Reason("no reply within " + config.timeout().toMillis() + " ms ("
            + RedisTokenStoreFactory.TIMEOUT.env() + ")", true);
      }
      if (t instanceof SSLException) {
        return new Reason("the TLS handshake failed (" + clean(deepest(t)) + ")", true);
      }
    }
    for (Throwable t : chain) {
      if (t.getClass() == RedisException.class && t.getMessage() != null
          && (t.getMessage().startsWith("Currently not connected") || t.getMessage().startsWith("Connection closed")
              || t.getMessage().startsWith("Connection disconnected"))) {
        // "disconnected": the command was in flight when the connection dropped
        return new Reason("the connection was lost (" + clean(t.getMessage()) + ")", true);
      }
      if (t instanceof RedisConnectionException || (connecting && t instanceof IOException)) {
        return new Reason("cannot connect (" + clean(deepest(t)) + ")", true);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof IOException) { // reset or broken on a connection that was open
        return new Reason("the connection was lost (" + clean(deepest(t)) + ")", true);
      }
    }
    return new Reason("the connection failed (" + clean(e.getClass().getSimpleName() + ": " + e.getMessage()) + ")",
        true);
  }

  /** The message of the deepest cause, which names the real problem (connection refused, host unknown). */
  private static String deepest(Throwable t) {
    Throwable d = t;
    while (d.getCause() != null && d.getCause() != d) {
      d = d.getCause();
    }
    String m = d.getMessage();
    return m == null || m.isBlank() ? d.getClass().getSimpleName() : m;
  }

  private String clean(String text) {
    return PeerText.clean(text == null ? "" : text, config.secrets());
  }

  private static List<RedisURI> uris(RedisConfig config) {
    RedisLocation l = config.location();
    List<RedisURI> out = new ArrayList<>();
    switch (l.topology()) {
      case STANDALONE -> out.add(common(RedisURI.Builder.redis(l.hosts().get(0).host(), l.hosts().get(0).port())
          .withDatabase(l.database()), config));
      case SENTINEL -> {
        RedisURI.Builder b = RedisURI.Builder.sentinel(l.hosts().get(0).host(), l.hosts().get(0).port(),
            l.sentinelMasterId());
        for (RedisLocation.HostAndPort h : l.hosts().subList(1, l.hosts().size())) {
          b.withSentinel(h.host(), h.port());
        }
        out.add(common(b.withDatabase(l.database()), config));
      }
      case CLUSTER -> l.hosts().forEach(h -> out.add(common(RedisURI.Builder.redis(h.host(), h.port()), config)));
      default -> throw new IllegalStateException(l.topology().name());
    }
    return out;
  }

  private static RedisURI common(RedisURI.Builder b, RedisConfig config) {
    b.withTimeout(config.connectTimeout()).withClientName("firefly-auth"); // connect() then sets the command timeout
    if (config.location().tls()) {
      b.withSsl(true).withVerifyPeer(SslVerifyMode.FULL);
    }
    if (config.password() != null) {
      char[] pass = config.password().reveal().toCharArray();
      if (config.username() != null) {
        b.withAuthentication(config.username(), pass);
      } else {
        b.withPassword(pass);
      }
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "LettuceSession{" + describe + (closed ? ", closed" : "") + '}';
  }
}

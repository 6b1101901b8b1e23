package dev.fireflyauth.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, without persistence, in a temporary directory;
 * the tests kill, pause ({@code SIGSTOP}) and restart it to inject faults.
 */
final class RedisServer implements AutoCloseable {
  private final String binary;
  private final String password;
  private final Path dir;
  private final List<String> extra;
  private final boolean tls;
  private final Path sentinelConf;
  private int port;
  private int tlsPort;
  private Process process;
  private boolean paused;

  private RedisServer(String binary, String password, Path dir, boolean tls, List<String> extra, Path sentinelConf) {
    this.binary = binary;
    this.password = password;
    this.dir = dir;
    this.tls = tls;
    this.extra = List.copyOf(extra);
    this.sentinelConf = sentinelConf;
  }

  /**
   * The {@code redis-server} on the PATH, if any; the system property {@code redis.server} names another one
   * (a path that is not an executable file counts as absent, to try the skip).
   */
  static Optional<String> binary() {
    String named = System.getProperty("redis.server");
    if (named != null && !named.isBlank()) {
      File f = new File(named);
      return f.isFile() && f.canExecute() ? Optional.of(f.getAbsolutePath()) : Optional.empty();
    }
    String path = System.getenv("PATH");
    for (String d : (path == null ? "/usr/bin:/usr/local/bin" : path).split(File.pathSeparator)) {
      File f = new File(d, "redis-server");
      if (f.isFile() && f.canExecute()) {
        return Optional.of(f.getAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Starts a server; with a non-null {@code password} it requires that password ({@code requirepass}). */
  static RedisServer start(String binary, String password) {
    return start(binary, password, false, List.of());
  }

  /**
   * Starts a server with {@code extra} arguments; with {@code tls} it also listens with TLS on
   * {@link #tlsPort()}, with a self-signed certificate for 127.0.0.1 made by the JDK's keytool.
   */
  static RedisServer start(String binary, String password, boolean tls, List<String> extra) {
    try {
      RedisServer s = new RedisServer(binary, password, Files.createTempDirectory("firefly-redis-"), tls, extra, null);
      s.port = freePort();
      if (tls) {
        s.tlsPort = freePort();
        TestCertificates.create(s.dir);
      }
      s.launch();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Sentinel watching the master on {@code masterPort} as {@code masterName}. */
  static RedisServer sentinel(String binary, int masterPort, String masterName) {
    try {
      Path dir = Files.createTempDirectory("firefly-sentinel-");
      int port = freePort();
      Path conf = dir.resolve("sentinel.conf");
      Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nlogfile " + dir.resolve("redis.log")
          + "\nsentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 1\n"
          + "sentinel down-after-milliseconds " + masterName + " 60000\n");
      RedisServer s = new RedisServer(binary, null, dir, false, List.of(), conf);
      s.port = port;
      s.launch();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The TLS port (0 without TLS). */
  int tlsPort() {
    return tlsPort;
  }

  /** The trust store (PKCS12, password {@link TestCertificates#PASSWORD}) holding the server's certificate. */
  Path trustStore() {
    return dir.resolve(TestCertificates.TRUST_STORE);
  }

  int port() {
    return port;
  }

  String password() {
    return password;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  RedisAdmin admin() {
    return new RedisAdmin(port, password);
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /** Kills the server with SIGKILL, as a crash would; a frozen one dies frozen, answering nothing first. */
  void kill() {
    if (process != null) {
      paused = false;
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts it again on the same port (empty: nothing is persisted). */
  void restart() {
    kill();
    launch();
  }

  /** Freezes the process with SIGSTOP: connections stay open, nothing is answered. */
  void pause() {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT. */
  void resume() {
    if (paused) {
      signal("CONT");
      paused = false;
    }
  }

  boolean paused() {
    return paused;
  }

  @Override
  public void close() {
    kill();
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }

  private void launch() {
    List<String> cmd = sentinelConf != null
        ? new ArrayList<>(List.of(binary, sentinelConf.toString(), "--sentinel"))
        : new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
            "--logfile", dir.resolve("redis.log").toString()));
    if (password != null) {
      cmd.addAll(List.of("--requirepass", password));
    }
    if (tls) {
      cmd.addAll(List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", dir.resolve("cert.pem").toString(),
          "--tls-key-file", dir.resolve("key.pem").toString(), "--tls-ca-cert-file", dir.resolve("cert.pem").toString(),
          "--tls-auth-clients", "no"));
    }
    cmd.addAll(extra);
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.out").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    RedisAdmin admin = admin();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!admin.ping()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port + ": " + log());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private String log() {
    try {
      Path log = dir.resolve("redis.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void signal(String sig) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "kill -" + sig + " " + process.pid()).inheritIO().start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "redis-server on port " + port;
  }
}

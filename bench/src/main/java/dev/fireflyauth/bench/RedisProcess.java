package dev.fireflyauth.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, without persistence, in a temporary directory, for the
 * scenarios that share tokens through Redis (P1 with the Redis store, P10).
 *
 * <p>Why it exists: the fleet numbers are only worth something against the server users run, not a stand-in.
 */
final class RedisProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The {@code redis-server} on the PATH, if any. */
  static Optional<String> binary() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File f = new File(d, "redis-server");
      if (f.isFile() && f.canExecute()) {
        return Optional.of(f.getAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Starts a server and waits until it answers PING. */
  static RedisProcess start(String binary) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("firefly-bench-redis-");
    Process p = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", dir.toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    RedisProcess r = new RedisProcess(p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!r.pings()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer on port " + port + " (log: "
            + dir.resolve("redis.log") + ")");
      }
      Thread.sleep(20);
    }
    return r;
  }

  /** The store spec that points at this server. */
  String spec() {
    return "redis://127.0.0.1:" + port;
  }

  private boolean pings() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] b = new byte[7];
      int n = in.readNBytes(b, 0, 7);
      return new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

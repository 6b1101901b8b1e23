package dev.fireflyauth.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client for the tests' own look at the real Redis (flush, scan, plant a foreign value, change
 * the configuration), independent of the client under test. One short connection per command.
 */
final class RedisAdmin {
  private final int port;
  private final String password;

  RedisAdmin(int port, String password) {
    this.port = port;
    this.password = password;
  }

  /** A Redis error reply. */
  static final class ErrorReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ErrorReply(String message) {
      super(message);
    }
  }

  /** Runs one command; arguments are Strings or byte arrays. Returns String, Long, byte[], List or null. */
  Object call(Object... args) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());
      if (password != null) {
        send(out, "AUTH", password);
        read(in);
      }
      send(out, args);
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("redis admin on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Whether the server answers PING. */
  boolean ping() {
    try {
      return "PONG".equals(call("PING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  byte[] get(String key) {
    return (byte[]) call("GET", key);
  }

  /** Every key in the current database, by SCAN. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<?> reply = (List<?>) call("SCAN", cursor, "COUNT", "1000");
      cursor = text(reply.get(0));
      for (Object k : (List<?>) reply.get(1)) {
        keys.add(text(k));
      }
    } while (!cursor.equals("0"));
    return keys;
  }

  static String text(Object reply) {
    return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
  }

  private static void send(OutputStream out, Object... args) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (Object a : args) {
      byte[] bytes = a instanceof byte[] raw ? raw : String.valueOf(a).getBytes(StandardCharsets.UTF_8);
      b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(bytes);
      b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(b.toByteArray());
    out.flush();
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new ErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int n = Integer.parseInt(line);
        if (n < 0) {
          return null;
        }
        byte[] data = in.readNBytes(n);
        line(in);
        return data;
      }
      case '*': {
        int n = Integer.parseInt(line);
        if (n < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(read(in));
        }
        return items;
      }
      case -1:
        throw new EOFException("connection closed");
      default:
        throw new IOException("unexpected reply type " + (char) type);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      b.write(c);
    }
    in.read();
    return b.toString(StandardCharsets.UTF_8);
  }
}

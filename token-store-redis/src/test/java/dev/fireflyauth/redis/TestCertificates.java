package dev.fireflyauth.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} made with the JDK's own {@code keytool} (no openssl needed):
 * {@code cert.pem} and {@code key.pem} for redis-server, and a trust store for the client.
 */
final class TestCertificates {
  static final String PASSWORD = "changeit";
  static final String TRUST_STORE = "trust.p12";

  private TestCertificates() {}

  static void create(Path dir) {
    Path keyStore = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    try {
      Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "redis", "-keyalg", "EC",
          "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
          "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
          "-keypass", PASSWORD)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + out);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      Key key = ks.getKey("redis", PASSWORD.toCharArray());
      Certificate cert = ks.getCertificate("redis");
      Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
      Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("redis", cert);
      try (OutputStream o = Files.newOutputStream(dir.resolve(TRUST_STORE))) {
        trust.store(o, PASSWORD.toCharArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}

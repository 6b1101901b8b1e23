package dev.fireflyauth.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application that uses the AWS SDK with its default Apache and Netty HTTP clients keeps working unchanged
 * when our packaged jar joins its class path, on SDK 2.20 and on the current SDK; and our source still reads
 * (and writes) a secret there. Each run is an isolated class loader holding exactly the application's class
 * path as Maven resolves it (jars copied by the build), our jar and the api jar; the {@link SdkSharingApp} runs
 * inside it against a Secrets Manager on WireMock. A control run adds url-connection-client, the jar this
 * module used to bring, and shows the failure users saw.
 */
class SdkSharingIT {
  private static final Path SDK_DIR = Path.of(System.getProperty("it.sdk.dir", "target/it-sdk"));
  private static final String OLD = System.getProperty("it.sdk.old", "2.20.162");
  private static final String CURRENT = System.getProperty("it.sdk.current", "2.57.8");
  private static final Path OUR_JAR = Path.of(System.getProperty("it.jar", "target/missing.jar"));

  private final SecretsManagerStub aws = new SecretsManagerStub();

  @BeforeEach
  void stub() {
    aws.store("{\"client_id\":\"shared-sdk-client\",\"client_secret\":\"first-secret-1\"}", false);
    aws.server.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("denied/firefly"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
            .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}")));
    aws.server.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("busy/firefly"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", SecretsManagerStub.AMZ_JSON)
            .withBody("{\"__type\":\"InternalServiceError\",\"message\":\"try later\"}")));
    aws.server.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("slow/firefly"))
        .willReturn(aResponse().withStatus(200).withFixedDelay(5_000).withBody("{}")));
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private static List<URL> jars(Path dir) throws IOException {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(p.toUri().toURL());
      }
    }
    assertFalse(urls.isEmpty(), "no jars in " + dir + ": run through 'mvn verify' (pre-integration-test copies them)");
    return urls;
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> runApp(String sdk, boolean withUrlConnectionClient) throws Exception {
    List<URL> cp = new ArrayList<>(jars(SDK_DIR.resolve(sdk)));
    if (withUrlConnectionClient) {
      cp.addAll(jars(SDK_DIR.resolve("url-connection-" + sdk)));
    }
    cp.addAll(jars(SDK_DIR.resolve("firefly")));
    cp.add(OUR_JAR.toUri().toURL());
    cp.add(SdkSharingApp.class.getProtectionDomain().getCodeSource().getLocation());
    try (URLClassLoader loader = new URLClassLoader(cp.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Thread t = Thread.currentThread();
      ClassLoader before = t.getContextClassLoader();
      t.setContextClassLoader(loader);
      try {
        Object app = loader.loadClass(SdkSharingApp.class.getName()).getConstructor().newInstance();
        return ((Function<Map<String, String>, Map<String, String>>) app).apply(Map.of("endpoint", aws.url()));
      } finally {
        t.setContextClassLoader(before);
      }
    }
  }

  /** @param countsAttempts whether the SDK says how many attempts it made (2.20 does not) */
  private void assertOurSourceWorks(Map<String, String> out, boolean countsAttempts) {
    assertEquals("shared-sdk-client", out.get("discovered"), out.toString());
    assertEquals("shared-sdk-client", out.get("appClient"), out.toString());
    assertEquals("2 secrets", out.get("writeBack"), out.toString());
    assertTrue(aws.stored().contains("\"client_secrets\":[\"rotated-secret-2\",\"first-secret-1\"]"), aws.stored());
    assertTrue(out.get("error").startsWith("failed: dev.fireflyauth.CredentialSourceException: access denied reading"
        + " secret denied/firefly (us-east-1, AWSCURRENT): the AWS identity (access key ID AKIDDENIED) needs IAM"
        + " permission secretsmanager:GetSecretValue"), out.get("error"));
    assertTrue(out.get("unavailable").matches("failed: dev.fireflyauth.TransientException: AWS Secrets Manager at "
        + java.util.regex.Pattern.quote(aws.url()) + " is unavailable reading secret busy/firefly \\(us-east-1,"
        + " AWSCURRENT\\)" + (countsAttempts ? " after \\d attempts" : "") + " \\(AWS: InternalServiceError: try later\\)"), out.get("unavailable"));
    assertTrue(out.get("stalled").startsWith("failed: dev.fireflyauth.TransientException: no complete answer from AWS"
        + " Secrets Manager at " + aws.url() + " reading secret slow/firefly"), out.get("stalled"));
  }

  @Test
  void ourJarRegistersNoSdkHttpService() throws IOException {
    try (JarFile jar = new JarFile(OUR_JAR.toFile())) {
      assertEquals(null, jar.getEntry("META-INF/services/software.amazon.awssdk.http.SdkHttpService"));
      assertEquals(null, jar.getEntry("META-INF/services/software.amazon.awssdk.http.async.SdkAsyncHttpService"));
      assertTrue(jar.getEntry("META-INF/services/dev.fireflyauth.spi.CredentialSource") != null);
      assertTrue(jar.getEntry("dev/fireflyauth/aws/JdkSdkHttpClient.class") != null);
    }
  }

  @Test
  void anApplicationOnSdk220KeepsWorking() throws Exception {
    Map<String, String> out = runApp(OLD, false);
    assertEquals(OLD, out.get("sdk"), "the application's SDK, not ours");
    assertEquals("software.amazon.awssdk.http.apache.ApacheSdkHttpService", out.get("httpServices"));
    assertEquals("built", out.get("s3"), out.toString());
    assertEquals("built", out.get("s3async"), out.toString());
    assertOurSourceWorks(out, false);
  }

  @Test
  void anApplicationOnTheCurrentSdkKeepsWorking() throws Exception {
    Map<String, String> out = runApp(CURRENT, false);
    assertEquals(CURRENT, out.get("sdk"));
    assertFalse(out.get("httpServices").contains("urlconnection"), out.get("httpServices"));
    assertEquals("built", out.get("s3"), out.toString());
    assertEquals("built", out.get("s3async"), out.toString());
    assertOurSourceWorks(out, true);
  }

  @Test
  void controlTheJarWeUsedToBringBreaksSuchAnApplicationOnSdk220() throws Exception {
    Map<String, String> out = runApp(OLD, true);
    assertTrue(out.get("s3").contains("Multiple HTTP implementations were found on the classpath"), out.get("s3"));
    assertEquals("shared-sdk-client", out.get("discovered"), "ours builds its client explicitly, even then");
  }
}

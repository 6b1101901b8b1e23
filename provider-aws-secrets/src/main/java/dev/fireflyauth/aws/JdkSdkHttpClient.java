package dev.fireflyauth.aws;

import dev.fireflyauth.Settings;
import dev.fireflyauth.spi.support.HttpCalls;
import dev.fireflyauth.spi.support.HttpClients;
import dev.fireflyauth.spi.support.HttpReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The SDK's synchronous HTTP client interface over the JDK's {@code java.net.http}: the HTTP client of every
 * Secrets Manager client this module builds.
 *
 * <p>Why it exists, instead of one of the SDK's HTTP client modules: each of those registers an
 * {@code SdkHttpService} that every SDK client in the application sees, and on SDK 2.20 an application whose
 * {@code S3Client.builder().build()} found two of them (its Apache client and the one we added) failed with
 * "Multiple HTTP implementations were found on the classpath". This class is registered nowhere; we hand it to
 * our builders only. It implements the SDK's oldest, stable HTTP interface, so it works with the SDK version
 * the application brings, and it follows this library's HTTP rules: HTTP/1.1, no redirects, the deployment's
 * proxy ({@link HttpClients}), the whole reply (headers and body) bounded by the attempt timeout, replies
 * capped at {@value #MAX_REPLY_BYTES} bytes, and {@link #close()} releasing a caller blocked in a call.
 *
 * <p>The SDK's attempt timeout interrupts the calling thread and then aborts; an interrupt cancels the exchange
 * here. Thread-safe; one instance per SDK client, closed with it.
 */
final class JdkSdkHttpClient implements SdkHttpClient {
  /** Secrets Manager answers at most a 64 KiB secret (as JSON, escaped or base64): far below this. */
  static final int MAX_REPLY_BYTES = 1 << 20;
  /** The largest request body we send (a {@code PutSecretValue} of a 64 KiB secret is far below). */
  static final int MAX_REQUEST_BYTES = 1 << 20;
  static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Headers {@code java.net.http} sets itself and refuses from callers; the SDK signs the same values. */
  private static final Set<String> SET_BY_THE_JDK =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final HttpClient http;
  private final Duration attemptTimeout;
  private final HttpCalls calls = new HttpCalls();

  JdkSdkHttpClient(HttpClient http, Duration attemptTimeout) {
    this.http = http;
    this.attemptTimeout = attemptTimeout;
  }

  /** A client on this deployment's network settings (proxy variables, JVM proxy properties). */
  static JdkSdkHttpClient create(Settings settings, Duration attemptTimeout) {
    Duration connect = attemptTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? attemptTimeout : MAX_CONNECT_TIMEOUT;
    return new JdkSdkHttpClient(HttpClients.newClient(settings, connect), attemptTimeout);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new Call(request);
  }

  @Override
  public String clientName() {
    return "FireflyJdk";
  }

  /** Cancels every call in flight (their callers get {@link AbortedException}) and refuses new ones. */
  @Override
  public void close() {
    calls.close();
    try {
      // JDK 21+: stop the client's selector thread now; before that it ends once the client is unreachable.
      HttpClient.class.getMethod("shutdownNow").invoke(http);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // JDK 17-20: nothing to do.
    }
  }

  private final class Call implements ExecutableHttpRequest {
    private final HttpExecuteRequest request;

    Call(HttpExecuteRequest request) {
      this.request = request;
    }

    @Override
    public HttpExecuteResponse call() throws IOException {
      HttpReply reply;
      try {
        reply = calls.send(http, toJdk(request), MAX_REPLY_BYTES, attemptTimeout);
      } catch (HttpCalls.ClosedException e) {
        throw AbortedException.create("the aws-secrets source was closed during the call");
      } catch (InterruptedException e) {
        // The SDK's attempt timeout interrupts us; it turns this into its own timeout exception.
        Thread.currentThread().interrupt();
        throw AbortedException.create("the call was interrupted");
      }
      if (reply.tooLarge()) {
        throw new IOException("the reply from " + reply.uri() + " is larger than " + MAX_REPLY_BYTES + " bytes");
      }
      SdkHttpResponse response = SdkHttpResponse.builder()
          .statusCode(reply.status())
          .headers(reply.headers().map())
          .build();
      return HttpExecuteResponse.builder()
          .response(response)
          .responseBody(AbortableInputStream.create(new ByteArrayInputStream(reply.body())))
          .build();
    }

    /** Nothing to do: the SDK interrupts the calling thread before it aborts, and the interrupt cancels. */
    @Override
    public void abort() {}
  }

  private HttpRequest toJdk(HttpExecuteRequest request) throws IOException {
    SdkHttpRequest r = request.httpRequest();
    HttpRequest.Builder b = HttpRequest.newBuilder(r.getUri()).timeout(attemptTimeout);
    try {
      for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
        String name = h.getKey().toLowerCase(Locale.ROOT);
        if (name.equals("expect")) {
          b.expectContinue(h.getValue().stream().anyMatch(v -> v.equalsIgnoreCase("100-continue")));
        } else if (!SET_BY_THE_JDK.contains(name)) {
          for (String v : h.getValue()) {
            b.header(h.getKey(), v);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("the SDK built a request header java.net.http refuses", e);
    }
    Optional<ContentStreamProvider> content = request.contentStreamProvider();
    HttpRequest.BodyPublisher body = content.isPresent()
        ? HttpRequest.BodyPublishers.ofByteArray(read(content.get()))
        : HttpRequest.BodyPublishers.noBody();
    return b.method(r.method().name(), body).build();
  }

  private static byte[] read(ContentStreamProvider content) throws IOException {
    try (InputStream in = content.newStream()) {
      byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
      if (bytes.length > MAX_REQUEST_BYTES) {
        throw new IOException("the request body is larger than " + MAX_REQUEST_BYTES + " bytes");
      }
      return bytes;
    }
  }

  @Override
  public String toString() {
    return "JdkSdkHttpClient{attemptTimeout=" + attemptTimeout + '}';
  }
}

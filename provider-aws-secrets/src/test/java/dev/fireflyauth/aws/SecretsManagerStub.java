package dev.fireflyauth.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireflyauth.spi.support.JsonWriter;
import dev.fireflyauth.spi.support.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock speaking the AWS JSON 1.1 protocol of Secrets Manager's {@code GetSecretValue} and
 * {@code PutSecretValue}: the network peer the SDK talks to in tests (through the endpoint override). Fixed
 * answers, a stateful store (a put changes what the next get returns), or an endpoint that echoes our whole
 * request into its error message.
 */
final class SecretsManagerStub implements AutoCloseable {
  static final String TARGET = "secretsmanager.GetSecretValue";
  static final String PUT_TARGET = "secretsmanager.PutSecretValue";
  static final String AMZ_JSON = "application/x-amz-json-1.1";
  static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/firefly-AbCdEf";

  private final Store store = new Store();
  private final Echo echo = new Echo();
  final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(store, echo));

  SecretsManagerStub() {
    server.start();
  }

  /** The endpoint to pass as {@code FIREFLY_AWS_ENDPOINT}. */
  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Every {@code GetSecretValue} call answers with {@code json} as {@code SecretString}. */
  SecretsManagerStub secretString(String json) {
    return answer(ok("\"SecretString\":" + quote(json)));
  }

  /** Every call answers with {@code bytes} as {@code SecretBinary} (base64 on the wire). */
  SecretsManagerStub secretBinary(byte[] bytes) {
    return answer(ok("\"SecretBinary\":\"" + Base64.getEncoder().encodeToString(bytes) + "\""));
  }

  /** Every call answers with neither value (as AWS would never do). */
  SecretsManagerStub noValue() {
    return answer(ok("\"Name\":\"prod/firefly\""));
  }

  /** Every call fails with an AWS JSON error {@code {"__type": type, "message": message}}. */
  SecretsManagerStub error(int status, String type, String message) {
    return answer(aResponse()
        .withStatus(status)
        .withHeader("Content-Type", AMZ_JSON)
        .withHeader("x-amzn-RequestId", "req-1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}"));
  }

  /** Every {@code GetSecretValue} call gets {@code response}. */
  SecretsManagerStub answer(ResponseDefinitionBuilder response) {
    server.resetMappings();
    server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(response));
    return this;
  }

  /** {@code PutSecretValue} calls get {@code response} (get calls keep their answer). */
  SecretsManagerStub answerPut(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT_TARGET)).willReturn(response));
    return this;
  }

  /**
   * A stateful secret: {@code GetSecretValue} returns the current value ({@code SecretString} unless
   * {@code binary}), {@code PutSecretValue} stores a new current version.
   */
  SecretsManagerStub store(String json, boolean binary) {
    store.set(json, binary);
    server.resetMappings();
    for (String target : List.of(TARGET, PUT_TARGET)) {
      server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))
          .willReturn(aResponse().withTransformers(Store.NAME)));
    }
    return this;
  }

  /** What the store holds now (after puts). */
  String stored() {
    return store.value;
  }

  /** Calls with {@code target} fail with {@code status} and an error message echoing the whole request. */
  SecretsManagerStub echo(String target, int status, String type) {
    echo.status = status;
    echo.type = type;
    server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))
        .willReturn(aResponse().withTransformers(Echo.NAME)));
    return this;
  }

  /** The {@code GetSecretValue} requests received so far. */
  List<LoggedRequest> requests() {
    return requests(TARGET);
  }

  /** The {@code PutSecretValue} requests received so far. */
  List<LoggedRequest> puts() {
    return requests(PUT_TARGET);
  }

  private List<LoggedRequest> requests(String target) {
    return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
  }

  int count() {
    return requests().size();
  }

  /** The JSON body of a request, parsed. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> body(LoggedRequest r) {
    try {
      return (Map<String, Object>) StrictJson.parse(r.getBodyAsString());
    } catch (Exception e) {
      throw new AssertionError("request body is not JSON", e);
    }
  }

  private static ResponseDefinitionBuilder ok(String valueField) {
    String body = "{\"ARN\":\"" + ARN + "\","
        + "\"Name\":\"prod/firefly\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],"
        + "\"CreatedDate\":1.7E9," + valueField + "}";
    return aResponse().withStatus(200).withHeader("Content-Type", AMZ_JSON)
        .withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    return JsonWriter.write(s);
  }

  @Override
  public void close() {
    server.stop();
  }

  /** The stateful secret behind {@link #store}. */
  private static final class Store implements ResponseDefinitionTransformerV2 {
    static final String NAME = "secrets-store";
    volatile String value;
    volatile boolean binary;
    private int version = 1; // guarded by this

    void set(String json, boolean binary) {
      this.value = json;
      this.binary = binary;
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
      LoggedRequest r = event.getRequest();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ARN", ARN);
      out.put("Name", "prod/firefly");
      if (PUT_TARGET.equals(r.getHeader("X-Amz-Target"))) {
        Map<String, Object> in = body(r);
        if (in.get("SecretString") != null) {
          set((String) in.get("SecretString"), false);
        } else {
          set(new String(Base64.getDecoder().decode((String) in.get("SecretBinary")), StandardCharsets.UTF_8), true);
        }
        version++;
      }
      out.put("VersionId", "v" + version);
      out.put("VersionStages", List.of("AWSCURRENT"));
      if (TARGET.equals(r.getHeader("X-Amz-Target"))) {
        if (binary) {
          out.put("SecretBinary", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        } else {
          out.put("SecretString", value);
        }
      }
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", AMZ_JSON)
          .withBody(JsonWriter.write(out)).build();
    }
  }

  /** An endpoint that puts our whole request, headers and body, into its error message. */
  private static final class Echo implements ResponseDefinitionTransformerV2 {
    static final String NAME = "echo-request";
    volatile int status;
    volatile String type;

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      LoggedRequest r = event.getRequest();
      // The body and the credential headers first: what matters must fit before any length cap.
      StringBuilder echoed = new StringBuilder("you sent: ").append(r.getBodyAsString()).append('\n');
      for (String name : List.of("Authorization", "X-Amz-Security-Token", "X-Amz-Date")) {
        if (r.containsHeader(name)) {
          echoed.append(name).append(": ").append(r.getHeader(name)).append('\n');
        }
      }
      for (HttpHeader h : r.getHeaders().all()) {
        echoed.append(h.key()).append(": ").append(h.firstValue()).append('\n');
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("__type", type);
      out.put("message", echoed.toString());
      return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", AMZ_JSON)
          .withBody(JsonWriter.write(out)).build();
    }
  }
}

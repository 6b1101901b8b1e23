package dev.fireflyauth.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * WireMock speaking the AWS JSON 1.1 protocol of Secrets Manager's {@code GetSecretValue}: the network peer
 * the SDK talks to in tests (through {@code endpointOverride}).
 */
final class SecretsManagerStub implements AutoCloseable {
  static final String TARGET = "secretsmanager.GetSecretValue";
  static final String AMZ_JSON = "application/x-amz-json-1.1";

  final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

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

  SecretsManagerStub answer(ResponseDefinitionBuilder response) {
    server.resetMappings();
    server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(response));
    return this;
  }

  /** The {@code GetSecretValue} requests received so far. */
  List<LoggedRequest> requests() {
    return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)));
  }

  int count() {
    return requests().size();
  }

  private static ResponseDefinitionBuilder ok(String valueField) {
    String body = "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/firefly-AbCdEf\","
        + "\"Name\":\"prod/firefly\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],"
        + "\"CreatedDate\":1.7E9," + valueField + "}";
    return aResponse().withStatus(200).withHeader("Content-Type", AMZ_JSON)
        .withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() {
    server.stop();
  }
}

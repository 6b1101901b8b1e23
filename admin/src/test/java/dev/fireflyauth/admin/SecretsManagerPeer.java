package dev.fireflyauth.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fireflyauth.spi.support.JsonWriter;
import dev.fireflyauth.spi.support.StrictJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Secrets Manager as the SDK sees it (AWS JSON 1.1 over WireMock): one secret whose
 * {@code GetSecretValue} answers the current {@code SecretString} and whose {@code PutSecretValue} stores a new
 * current version. The network peer of the rotation test on Secrets Manager.
 */
final class SecretsManagerPeer implements AutoCloseable {
  static final String GET = "secretsmanager.GetSecretValue";
  static final String PUT = "secretsmanager.PutSecretValue";
  private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/firefly-AbCdEf";

  private final Store store = new Store();
  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(store));

  SecretsManagerPeer(String secretString) {
    store.value = secretString;
    server.start();
    for (String target : List.of(GET, PUT)) {
      server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))
          .willReturn(aResponse().withTransformers(Store.NAME)));
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The current {@code SecretString}. */
  String value() {
    return store.value;
  }

  int puts() {
    return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT))).size();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static final class Store implements ResponseDefinitionTransformerV2 {
    static final String NAME = "secrets-manager-peer";
    volatile String value;
    private int version = 1; // guarded by this

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
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ARN", ARN);
      out.put("Name", "prod/firefly");
      if (PUT.equals(event.getRequest().getHeader("X-Amz-Target"))) {
        try {
          value = (String) ((Map<?, ?>) StrictJson.parse(event.getRequest().getBodyAsString())).get("SecretString");
        } catch (Exception e) {
          throw new AssertionError("PutSecretValue body is not JSON", e);
        }
        version++;
      } else {
        out.put("SecretString", value);
      }
      out.put("VersionId", "v" + version);
      out.put("VersionStages", List.of("AWSCURRENT"));
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
          .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(JsonWriter.write(out)).build();
    }
  }
}

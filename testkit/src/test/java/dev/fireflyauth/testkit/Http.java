package dev.fireflyauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP/1.1 requests to an emulator, as an app would send them; one client per test instance. */
final class Http {
  static final String FORM = "application/x-www-form-urlencoded";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A correct client_credentials request for {@code c}, asking for all its scopes. */
  HttpResponse<String> token(URI url, RegisteredClient c) {
    return send(tokenRequest(url, c).build());
  }

  /** The request {@link #token} sends, to add a timeout. */
  static HttpRequest.Builder tokenRequest(URI url, RegisteredClient c) {
    return HttpRequest.newBuilder(url)
        .header("Content-Type", FORM)
        .POST(HttpRequest.BodyPublishers.ofString(form(
            "grant_type", "client_credentials",
            "client_id", c.clientId(),
            "client_secret", c.clientSecret(),
            "scope", String.join(",", c.scopes()))));
  }

  HttpResponse<String> post(URI url, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return sendOrThrow(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> sendOrThrow(HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A form body from alternating names and values, URL-encoded. */
  static String form(String... namesAndValues) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      pairs.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
    }
    return String.join("&", pairs);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  static String accessToken(HttpResponse<String> response) {
    return json(response).get("access_token").asText();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

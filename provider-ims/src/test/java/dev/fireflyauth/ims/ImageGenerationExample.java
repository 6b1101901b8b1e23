package dev.fireflyauth.ims;

import dev.fireflyauth.FireflyAuth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The README's example, compiled by the build so it cannot rot. {@link #main} would call the real Firefly API;
 * tests call {@link #generate} against a local stub instead.
 */
public final class ImageGenerationExample {
  static final URI FIREFLY_GENERATE = URI.create("https://firefly-api.adobe.io/v3/images/generate");

  private ImageGenerationExample() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    try (FireflyAuth auth = FireflyAuth.create()) {
      HttpResponse<String> response = generate(auth, http, FIREFLY_GENERATE, "a lighthouse at dusk, watercolor");
      System.out.println(response.statusCode() + " " + response.body());
    }
  }

  static HttpResponse<String> generate(FireflyAuth auth, HttpClient http, URI endpoint, String prompt)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\"}"));
    auth.headers().forEach(request::header); // x-api-key and Authorization: Bearer …
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

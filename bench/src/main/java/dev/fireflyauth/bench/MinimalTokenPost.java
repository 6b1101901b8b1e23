package dev.fireflyauth.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P5's peer: the least a program can do to get an IMS token — one {@code HttpClient} POST of the
 * client_credentials form, read from the same environment variables as the CLI, printing the token.
 *
 * <p>Why it exists: the CLI's cold start is only meaningful next to the cost of the JVM and the HTTP call
 * themselves; this program has nothing else. It is built into a jar of its own (one class), so it pays for no
 * jar it does not use. With {@code -Dminimal.releaseSelector=true} (P5's "tuned" row only) it ends the way the
 * CLI ends: it wakes the HttpClient's selector thread before exit, so the JVM does not wait for it.
 */
public final class MinimalTokenPost {
  private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final String SCOPES =
      "openid,AdobeID,session,additional_info,read_organizations,firefly_api,ff_apis";

  private MinimalTokenPost() {}

  public static void main(String[] args) throws Exception {
    String form =
        "grant_type=client_credentials&client_id=" + enc(System.getenv("FIREFLY_SERVICES_CLIENT_ID"))
            + "&client_secret=" + enc(System.getenv("FIREFLY_SERVICES_CLIENT_SECRET"))
            + "&scope=" + enc(SCOPES);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(System.getenv("FIREFLY_IMS_URL")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    Matcher m = TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      System.err.println("token request failed: HTTP " + response.statusCode());
      System.exit(5);
    }
    System.out.println(m.group(1));
    if (Boolean.getBoolean("minimal.releaseSelector")) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().endsWith("-SelectorManager")) {
          t.interrupt();
        }
      }
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

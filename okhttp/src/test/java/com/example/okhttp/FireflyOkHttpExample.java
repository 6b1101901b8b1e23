package com.example.okhttp;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.okhttp.FireflyAuthenticator;
import dev.fireflyauth.okhttp.FireflyInterceptor;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The README's OkHttp example, in a package of its own so that it uses only public API; compiled and run by
 * {@link FireflyOkHttpExampleTest} (which passes test settings where an app passes {@code Settings.system()}).
 */
final class FireflyOkHttpExample {
  private FireflyOkHttpExample() {}

  static OkHttpClient fireflyClient(FireflyAuth auth, Settings settings) {
    return new OkHttpClient.Builder()
        .addInterceptor(new FireflyInterceptor(auth, settings))  // x-api-key + Authorization, for *.adobe.io only
        .authenticator(new FireflyAuthenticator(auth, settings)) // on a 401: drop that token, retry once
        .build();
  }

  static String generate(OkHttpClient http, String fireflyUrl) throws IOException {
    String json = "{\"prompt\":\"a lighthouse at dusk, watercolor\"}";
    Request request = new Request.Builder().url(fireflyUrl + "/v3/images/generate")
        .post(RequestBody.create(json, MediaType.get("application/json")))
        .build();
    try (Response response = http.newCall(request).execute()) {
      return response.code() + " " + response.body().string();
    }
  }
}

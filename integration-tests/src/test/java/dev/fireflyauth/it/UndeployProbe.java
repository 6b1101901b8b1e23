package dev.fireflyauth.it;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs inside a throwaway class loader, as a web app or plug-in would: resolves credentials from a JSON file,
 * exchanges them with IMS over HTTP, refreshes once, closes. Answers in JDK types only, so the test never links
 * against the loader's copies of our classes.
 */
public final class UndeployProbe implements Function<Map<String, String>, List<String>> {
  @Override
  public List<String> apply(Map<String, String> env) {
    List<String> out = new ArrayList<>();
    try (FireflyAuth auth = FireflyAuth.builder()
        .settings(Settings.builder().environment(env).build())
        .classLoader(UndeployProbe.class.getClassLoader())
        .build()) {
      out.add("origin=" + auth.token().origin().orElse("?"));
      auth.invalidate(auth.token());
      out.add("token=" + auth.token().value().reveal());
      out.add("headers=" + auth.headersAsync().join().keySet());
    }
    return out;
  }
}

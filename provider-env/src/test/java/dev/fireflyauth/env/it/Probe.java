package dev.fireflyauth.env.it;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs inside a throwaway class loader and answers in JDK types only, so the test never links against the
 * loader's copies of our classes.
 */
public final class Probe implements Function<Map<String, String>, List<String>> {
  @Override
  public List<String> apply(Map<String, String> env) {
    List<String> out = new ArrayList<>();
    try (FireflyAuth auth = FireflyAuth.builder()
        .settings(Settings.builder().environment(env).build())
        .classLoader(Probe.class.getClassLoader())
        .build()) {
      out.add("sources=" + auth.sourceNames());
      out.add("clientId=" + auth.credentials().clientId());
      auth.explain().forEach(e -> out.add("trace=" + e));
    }
    return out;
  }
}

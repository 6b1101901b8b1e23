package dev.fireflyauth.cli;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.spi.support.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code token --json}: {@code {"token","type","expires_at","origin","from_store"}}, written with api's small JSON
 * writer (no JSON library to load at start-up, which is most of what a CLI call costs).
 */
final class TokenJson {
  private TokenJson() {}

  static String of(AccessToken token) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("token", token.value().reveal());
    json.put("type", token.type());
    json.put("expires_at", token.expiresAt().map(Object::toString).orElse(null));
    json.put("origin", token.origin().orElse(null));
    json.put("from_store", token.fromStore());
    return JsonWriter.write(json);
  }
}

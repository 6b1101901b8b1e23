package dev.fireflyauth.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses an {@code application/x-www-form-urlencoded} request body, by hand.
 *
 * <p>Why it exists: the token endpoint must read forms without a library, and must refuse what a real
 * OAuth server refuses (RFC 6749 §3.2: a parameter sent twice) with a message that names the parameter but
 * never echoes a value, since a value may be a client secret.
 */
final class FormBody {
  private FormBody() {}

  /**
   * The parameters of {@code body}, in order.
   *
   * @throws IllegalArgumentException naming the parameter that is malformed or repeated
   */
  static Map<String, String> parse(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter " + name);
      if (params.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("parameter " + name + " is repeated");
      }
    }
    return params;
  }

  private static String decode(String raw, String what) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid URL encoding", e);
    }
  }
}

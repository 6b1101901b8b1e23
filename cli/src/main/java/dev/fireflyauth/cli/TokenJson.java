package dev.fireflyauth.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fireflyauth.AccessToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * {@code token --json}: {@code {"token","type","expires_at","origin"}} written with jackson-core's streaming
 * generator, which starts far faster than an {@code ObjectMapper} (start-up time is most of a CLI call).
 */
final class TokenJson {
  private TokenJson() {}

  static String of(AccessToken token, String origin) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("token", token.value().reveal());
      g.writeStringField("type", token.type());
      g.writeStringField("expires_at", token.expiresAt().map(Object::toString).orElse(null));
      g.writeStringField("origin", origin);
      g.writeEndObject();
    }
    return out.toString();
  }
}

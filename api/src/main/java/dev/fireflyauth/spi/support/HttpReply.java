package dev.fireflyauth.spi.support;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * What a peer answered to one request, read by {@link HttpCalls}: status, headers and a body of bounded
 * size (or the fact that it was too large to read).
 *
 * <p>Why it exists: the IMS provider, the agent client and the admin API all need the same view of a reply
 * and must never buffer an unbounded body. The body is bytes, never shown in messages: it may hold a token.
 * Immutable.
 *
 * @param uri the URL that was called
 * @param tooLarge true when the body exceeded the cap and was not read ({@code body} is then empty)
 */
public record HttpReply(URI uri, int status, HttpHeaders headers, byte[] body, boolean tooLarge) {

  /** The first value of header {@code name}. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body as strict UTF-8 text; empty when it is not UTF-8. */
  public Optional<String> text() {
    return Utf8.decode(body);
  }

  /** Status and URL, never the body. */
  @Override
  public String toString() {
    return "HttpReply{" + status + " from " + uri + ", " + (tooLarge ? "body too large" : body.length + " bytes") + '}';
  }
}

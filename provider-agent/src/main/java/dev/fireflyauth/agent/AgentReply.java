package dev.fireflyauth.agent;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.HeaderValues;
import dev.fireflyauth.spi.support.HttpReply;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.PeerText;
import dev.fireflyauth.spi.support.StrictJson;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the agent answered: a token reply into an {@link AccessToken}, an error reply into the kind of
 * the agent's own failure.
 *
 * <p>Why it exists: a 200 is not proof of a usable token. A body that is not JSON, a missing field, a token with
 * a line break (it would forge a header next to {@code Authorization}) or a token that is about to expire is a
 * transient protocol error naming the field, never quoting the value. The token's deadline is what the agent
 * says is left of it <em>now</em> (the receipt time is the issue time), less {@link #CLOCK_MARGIN} for a clock
 * difference between agent and client: so the cache's refresh window is a share of what is left, and a client
 * that is handed the same ageing token again asks again only after half of what is left, not on every call.
 * Immutable and thread-safe.
 */
final class AgentReply {
  /** Bodies larger than this are refused unread. */
  static final int MAX_BODY_BYTES = 16 * 1024;
  /** How much earlier than the agent says a token is treated as expired: the two clocks may differ. */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(10);

  private final AgentEndpoint endpoint;
  private final TimeSource time;

  AgentReply(AgentEndpoint endpoint, TimeSource time) {
    this.endpoint = endpoint;
    this.time = time;
  }

  /**
   * The token of a successful reply.
   *
   * @throws TransientException naming the agent and the field that is wrong
   */
  AccessToken token(HttpReply reply) {
    Map<String, Object> json = object(reply);
    String token = text(reply, json, AgentProtocol.ACCESS_TOKEN);
    String type = text(reply, json, AgentProtocol.TOKEN_TYPE);
    if (!type.equalsIgnoreCase("bearer")) {
      throw protocol(reply, "with '" + AgentProtocol.TOKEN_TYPE + "' \"" + PeerText.clean(type, List.of(), 40)
          + "\"; only 'bearer' is supported");
    }
    String clientId = text(reply, json, AgentProtocol.CLIENT_ID);
    Instant expiresAt;
    try {
      expiresAt = Instant.parse(text(reply, json, AgentProtocol.EXPIRES_AT));
    } catch (DateTimeParseException e) {
      throw protocol(reply, "with an '" + AgentProtocol.EXPIRES_AT + "' that is not an ISO-8601 instant such as"
          + " 2026-11-30T12:00:00Z");
    }
    Instant now = time.now();
    if (!expiresAt.minus(CLOCK_MARGIN).isAfter(now)) {
      throw protocol(reply, "with a token that expires at " + expiresAt + ", less than " + CLOCK_MARGIN.toSeconds()
          + " s from now; the agent should have refreshed it");
    }
    return AccessToken.restored(Secret.of(token), "bearer", now, expiresAt, CLOCK_MARGIN, time)
        .withClientId(clientId)
        .withOrigin("agent " + endpoint.base());
  }

  /** The {@code kind} (else {@code error}) field of an error reply, cleaned as peer text; empty when there is none. */
  static Optional<String> failureKind(HttpReply reply, Collection<Secret> known) {
    Object parsed = parse(reply);
    if (!(parsed instanceof Map<?, ?> m)) {
      return Optional.empty();
    }
    Object kind = m.get(AgentProtocol.KIND) instanceof String k ? k : m.get(AgentProtocol.ERROR);
    return kind instanceof String s && !s.isBlank() ? Optional.of(PeerText.clean(s, known, 60)) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(HttpReply reply) {
    if (reply.tooLarge()) {
      throw protocol(reply, "with a body larger than " + MAX_BODY_BYTES / 1024 + " KiB (refused unread)");
    }
    if (reply.body().length == 0) {
      throw protocol(reply, "with an empty body");
    }
    String text = reply.text().orElseThrow(() -> protocol(reply, "with a body that is not UTF-8 text"));
    Object parsed;
    try {
      parsed = StrictJson.parse(text);
    } catch (JsonProblem e) {
      throw new TransientException(e.describe("the reply of the agent at " + endpoint), null);
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw protocol(reply, "with JSON that is not an object");
    }
    return (Map<String, Object>) m;
  }

  /** A required text field: a non-blank string without control characters; never quoted in a message. */
  private String text(HttpReply reply, Map<String, Object> json, String field) {
    Object v = json.get(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw protocol(reply, "without a usable '" + field + "'" + (v == null ? "" : " (not a non-empty string)"));
    }
    if (HeaderValues.hasControlCharacter(s)) {
      throw protocol(reply, "where '" + field + "' contains a control character (a line break?); it would"
          + " forge an HTTP header and is refused");
    }
    return s;
  }

  private static Object parse(HttpReply reply) {
    if (reply.tooLarge() || reply.body().length == 0) {
      return null;
    }
    try {
      return StrictJson.parse(reply.text().orElse(""));
    } catch (JsonProblem e) {
      return null;
    }
  }

  private TransientException protocol(HttpReply reply, String what) {
    return new TransientException("the agent at " + endpoint + " answered HTTP " + reply.status() + " " + what, null);
  }
}

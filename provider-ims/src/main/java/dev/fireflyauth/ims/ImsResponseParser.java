package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.HeaderValues;
import dev.fireflyauth.spi.support.PeerText;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a successful IMS reply ({@code {"access_token","token_type","expires_in"}}, {@code expires_in} in
 * seconds) into an {@link AccessToken}.
 *
 * <p>Why it exists: a 200 is not proof of a usable token. An HTML page from a proxy, a truncated body, a
 * missing field, a token with a line break in it (it would forge a header next to {@code Authorization}) or a
 * nonsensical lifetime is reported as a transient protocol error naming the field, and a mis-scaled lifetime
 * (milliseconds sent as seconds) is clamped instead of keeping a token forever. Immutable and thread-safe.
 */
final class ImsResponseParser {
  private final TimeSource time;
  private final Duration maxLifetime;

  ImsResponseParser(TimeSource time, Duration maxLifetime) {
    this.time = time;
    this.maxLifetime = maxLifetime;
  }

  /** @throws TransientException naming the endpoint and the field that is wrong */
  AccessToken parse(ImsReply reply) {
    Map<String, Object> json =
        reply.jsonObject()
            .orElseThrow(() -> protocolError(reply, "with " + reply.describeBody() + " instead of a JSON token"));
    Object token = json.get("access_token");
    if (!(token instanceof String t) || t.isBlank()) {
      throw protocolError(reply, "without a usable 'access_token'");
    }
    if (HeaderValues.hasControlCharacter(t)) {
      throw protocolError(reply, "with an 'access_token' that contains a control character (a line break?);"
          + " it would forge an HTTP header and is refused");
    }
    Object type = json.get("token_type");
    if (!(type instanceof String ty) || !ty.equalsIgnoreCase("bearer")) {
      throw protocolError(reply, "with 'token_type' " + (type == null ? "missing"
          : type instanceof String s ? "\"" + PeerText.clean(s, List.of(), 40) + "\"" : ImsReply.show(type))
          + "; only 'bearer' is supported");
    }
    return AccessToken.issued(Secret.of(t), ty.toLowerCase(Locale.ROOT), lifetime(reply, json), time);
  }

  private Duration lifetime(ImsReply reply, Map<String, Object> json) {
    Object n = json.get("expires_in");
    if (n == null) {
      throw protocolError(reply, "without 'expires_in'");
    }
    BigInteger seconds;
    if (n instanceof BigInteger b) {
      seconds = b;
    } else if (n instanceof String s && s.matches("-?\\d{1,30}")) {
      seconds = new BigInteger(s);
    } else {
      throw protocolError(reply, "with 'expires_in' " + (n instanceof String ? "a string that is not a number"
          : ImsReply.show(n)) + ", which is not a whole number of seconds");
    }
    if (seconds.signum() <= 0) {
      throw protocolError(reply, "with 'expires_in' " + seconds + "; it must be a positive number of seconds");
    }
    BigInteger max = BigInteger.valueOf(maxLifetime.getSeconds());
    return Duration.ofSeconds(seconds.min(max).longValueExact());
  }

  private static TransientException protocolError(ImsReply reply, String what) {
    return new TransientException(reply.describe() + " " + what, null);
  }
}

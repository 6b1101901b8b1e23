package dev.fireflyauth.admin;

import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.support.HttpReply;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the I/O Management API's successful answers about client secrets, leniently where the wire format
 * varies and strictly where it matters: a list may be {@code {"client_secrets":[…]}}, {@code {"secrets":[…]}}
 * or a bare array; a secret's times may be {@code created} / {@code created_at} / {@code createdAt} and
 * {@code last_used} / {@code last_used_at} / {@code lastUsed} / {@code lastUsedAt}, in any form
 * {@link Timestamps} reads; but every secret needs a {@code uuid}, and an added secret its {@code client_secret}.
 *
 * <p>Why it exists: one place decides what a reply means; it says what is wrong ("entry 2 has no uuid") and
 * never quotes the reply, which may hold a secret value. Any value field a listing carries is ignored, never
 * kept. Stateless.
 */
final class SecretsJson {
  private static final List<String> LIST_FIELDS = List.of("client_secrets", "secrets");
  private static final List<String> CREATED = List.of("created", "created_at", "createdAt");
  private static final List<String> LAST_USED = List.of("last_used", "last_used_at", "lastUsed", "lastUsedAt");

  /** Why a reply is not what it should be; the caller words the message around it. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String what) {
      super(what, null, false, false);
    }
  }

  private SecretsJson() {}

  /** The secrets a listing holds, in the order given. */
  static List<ClientSecret> list(HttpReply reply) throws Malformed {
    Object root = parse(reply);
    List<?> items;
    if (root instanceof List<?> l) {
      items = l;
    } else if (root instanceof Map<?, ?> m && listField(m) != null) {
      items = listField(m);
    } else {
      throw new Malformed("it is " + kind(root) + ", not a list of secrets ({\"client_secrets\":[…]},"
          + " {\"secrets\":[…]} or […])");
    }
    List<ClientSecret> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(secret(items.get(i), i + 1));
    }
    return List.copyOf(out);
  }

  /** The secret an add returned: its {@code uuid} and {@code client_secret}. */
  static NewClientSecret added(HttpReply reply) throws Malformed {
    Object root = parse(reply);
    if (!(root instanceof Map<?, ?> m)) {
      throw new Malformed("it is " + kind(root) + ", not an object with uuid and client_secret");
    }
    String uuid = uuid(m.get("uuid"), "the answer");
    if (!(m.get("client_secret") instanceof String value) || value.isBlank()) {
      throw new Malformed("it has no client_secret string (its uuid is " + uuid + ")");
    }
    return new NewClientSecret(uuid, Secret.of(value));
  }

  private static List<?> listField(Map<?, ?> m) {
    for (String f : LIST_FIELDS) {
      if (m.get(f) instanceof List<?> l) {
        return l;
      }
    }
    return null;
  }

  private static ClientSecret secret(Object item, int n) throws Malformed {
    if (!(item instanceof Map<?, ?> m)) {
      throw new Malformed("entry " + n + " of the list is " + kind(item) + ", not an object");
    }
    String uuid = uuid(m.get("uuid"), "entry " + n + " of the list");
    return new ClientSecret(uuid, time(m, CREATED, n), time(m, LAST_USED, n));
  }

  private static String uuid(Object value, String where) throws Malformed {
    if (!(value instanceof String uuid) || uuid.isBlank()) {
      throw new Malformed(where + " has no uuid string");
    }
    if (!SecretsAdmin.isUuid(uuid)) {
      throw new Malformed(where + " has a uuid that is not 1 to 64 letters, digits and '-'");
    }
    return uuid;
  }

  private static Optional<Instant> time(Map<?, ?> m, List<String> names, int n) throws Malformed {
    for (String name : names) {
      if (m.containsKey(name)) {
        try {
          return Timestamps.parse(m.get(name));
        } catch (IllegalArgumentException e) {
          throw new Malformed("entry " + n + "'s " + name + " is " + e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  private static Object parse(HttpReply reply) throws Malformed {
    if (reply.tooLarge()) {
      throw new Malformed("the body is larger than " + (IoApiClient.MAX_BODY_BYTES / 1024) + " KiB (refused unread)");
    }
    Optional<String> text = reply.text();
    if (reply.body().length == 0 || text.isEmpty()) {
      throw new Malformed(reply.body().length == 0 ? "the body is empty" : "the body is not UTF-8 text");
    }
    try {
      return StrictJson.parse(text.get());
    } catch (JsonProblem e) {
      throw new Malformed(e.describe("the body"));
    }
  }

  /** What {@code v} is, never quoting it; an object here is one without the list a listing needs. */
  private static String kind(Object v) {
    return v instanceof Map ? "an object without a client_secrets or secrets list" : CredentialFields.describeType(v);
  }
}

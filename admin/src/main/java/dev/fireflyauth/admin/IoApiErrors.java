package dev.fireflyauth.admin;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.HttpReply;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.PeerText;
import dev.fireflyauth.spi.support.StrictJson;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed call to the I/O Management API means, as a typed error with what to do: a 403 (or a token
 * without the scopes) means the API is not added to the project; a 404 means the IDs name no credential (or no
 * such secret); a refused add means the credential has its two secrets already; 429, 5xx and network faults are
 * transient; anything else is broken configuration naming {@code FIREFLY_IO_API_URL}.
 *
 * <p>Why it exists: the peer's status alone would leave the user guessing. Messages carry the call, the status,
 * the {@code x-debug-id} Adobe support asks for and the peer's {@code error_code} / {@code message}, all
 * cleaned as peer text ({@link PeerText}) of the credential's secrets, the tokens sent and a new secret; never
 * the body itself. Immutable.
 */
final class IoApiErrors {
  /** The longest {@code Retry-After} believed. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  /** What the failed call was for; {@code uuid} only for a delete. */
  record Operation(String what, boolean add, String uuid) {
    static final Operation LIST = new Operation("list the client secrets", false, null);
    static final Operation ADD = new Operation("add a client secret", true, null);

    static Operation delete(String uuid) {
      return new Operation("delete client secret " + uuid, false, uuid);
    }
  }

  private final IoApiEndpoint endpoint;
  private final ConsoleCredential credential;
  private final ClientCredentials credentials;

  IoApiErrors(IoApiEndpoint endpoint, ConsoleCredential credential, ClientCredentials credentials) {
    this.endpoint = endpoint;
    this.credential = credential;
    this.credentials = credentials;
  }

  /** The error for a non-2xx {@code reply} to {@code call}. */
  FireflyAuthException failed(IoApiClient.Call call, HttpReply reply, Operation op, Collection<Secret> known) {
    int status = reply.status();
    String message = "I/O Management API " + call + " answered HTTP " + status
        + reply.header("x-debug-id").map(id -> PeerText.clean(id, known, 80)).filter(id -> !id.isEmpty())
            .map(id -> " (x-debug-id " + id + ")").orElse("")
        + details(reply, known) + ": cannot " + op.what() + " of " + credential.describe();
    if (status / 100 == 3) {
      return new ConfigurationException(message + "; redirects are not followed (Location: "
          + reply.header("location").map(l -> PeerText.clean(l, known, 200)).orElse("none") + "): set "
          + SecretsAdmin.IO_API_URL + " (" + endpoint.from() + ") to the API itself");
    }
    if (status == 401) {
      return new ConfigurationException(message + "; the API did not accept a token IMS had just issued, twice:"
          + " the token endpoint (" + Setting.IMS_URL + ") and the I/O Management API (" + SecretsAdmin.IO_API_URL
          + ", " + endpoint.from() + ") must belong to the same Adobe environment");
    }
    if (status == 403) {
      return new ConfigurationException(message + "; access denied: add the I/O Management API to the Developer"
          + " Console project of client ID " + credentials.maskedClientId() + ", so that its tokens carry the scopes "
          + String.join(",", SecretsAdmin.SCOPES) + ", and check that " + credential.describeWithOrigins()
          + " is that client's credential");
    }
    if (status == 404) {
      return new ConfigurationException(message + (op.uuid() != null
          ? "; the credential has no client secret " + op.uuid() + " (list them with `firefly-auth secrets list`)"
          : "; no such credential: check " + credential.describeWithOrigins()));
    }
    if (op.add() && (status == 400 || status == 409 || status == 422)) {
      return new ConfigurationException(message + "; a credential has at most " + SecretsAdmin.MAX_SECRETS
          + " client secrets: delete one first (`firefly-auth secrets list`, then `firefly-auth secrets delete"
          + " UUID` for the one no deployment uses)");
    }
    if (status == 408 || status == 429 || status / 100 == 5) {
      return new TransientException(message + (op.add() ? maybeAdded() : ""), null,
          reply.header("retry-after").flatMap(IoApiErrors::retryAfter).orElse(null));
    }
    return new ConfigurationException(message + "; check " + SecretsAdmin.IO_API_URL + " (" + endpoint.from()
        + ") and the credential's IDs (" + credential.describeWithOrigins() + ")");
  }

  /** The error for a call that got no complete reply; the JDK's text may quote the peer, so it is cleaned. */
  TransientException unreachable(IoApiClient.Call call, IOException e, Collection<Secret> known) {
    String detail = PeerText.clean(e.getMessage(), known);
    return new TransientException("I/O Management API " + call + " could not be reached: "
        + e.getClass().getSimpleName() + (detail.isEmpty() ? "" : " (" + detail + ")")
        + (call.method().equals("POST") ? maybeAdded() : ""), e);
  }

  private static String maybeAdded() {
    return "; the secret may have been added all the same: check with `firefly-auth secrets list` and delete a"
        + " secret nobody uses";
  }

  /** {@code , error_code X ("message")} from a JSON error body, cleaned; a body that is not JSON is only described. */
  private static String details(HttpReply reply, Collection<Secret> known) {
    if (reply.tooLarge()) {
      return " with a body larger than " + (IoApiClient.MAX_BODY_BYTES / 1024) + " KiB";
    }
    if (reply.body().length == 0) {
      return "";
    }
    Optional<String> text = reply.text();
    Object json = null;
    if (text.isPresent()) {
      try {
        json = StrictJson.parse(text.get());
      } catch (JsonProblem e) {
        json = null;
      }
    }
    if (!(json instanceof Map<?, ?> m)) {
      return " with a body of " + reply.body().length + " bytes that is not a JSON object";
    }
    Object error = m.get("error");
    String code = first(known, m.get("error_code"), m.get("code"), error instanceof String ? error : null);
    String said = first(known, m.get("message"), m.get("error_description"),
        error instanceof Map<?, ?> e ? e.get("message") : null, m.get("detail"), m.get("reason"));
    return (code.isEmpty() ? "" : ", error " + code) + (said.isEmpty() ? "" : " (\"" + said + "\")");
  }

  private static String first(Collection<Secret> known, Object... values) {
    for (Object v : values) {
      if (v instanceof String s && !s.isBlank()) {
        return PeerText.clean(s, known, 200);
      }
      if (v instanceof BigInteger i) {
        return i.toString();
      }
    }
    return "";
  }

  /** {@code Retry-After} in seconds, at most {@link #MAX_RETRY_AFTER}; empty when not a number. */
  private static Optional<Duration> retryAfter(String header) {
    String h = header.strip();
    if (!h.matches("\\d{1,9}")) {
      return Optional.empty();
    }
    Duration d = Duration.ofSeconds(Long.parseLong(h));
    return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
  }

  @Override
  public String toString() {
    return "IoApiErrors{" + endpoint.base() + ", " + credential.describe() + '}';
  }
}

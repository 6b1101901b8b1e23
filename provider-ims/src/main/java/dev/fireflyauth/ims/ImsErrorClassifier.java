package dev.fireflyauth.ims;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a failed exchange means (RFC 6749 §5.2 plus what IMS actually sends), so that callers and the
 * token cache react correctly: rejected credentials are not retried, broken configuration is reported with
 * what to fix, and only transient faults (429, 5xx, I/O) are retried, honouring {@code Retry-After}.
 *
 * <p>Messages carry the endpoint, HTTP status, IMS {@code error}/{@code error_description} and
 * {@code x-debug-id}; never the secret or a token. Immutable and thread-safe.
 */
final class ImsErrorClassifier {
  private static final int MAX_DESCRIPTION = 300;

  private final URI endpoint;
  private final TimeSource time;

  ImsErrorClassifier(URI endpoint, TimeSource time) {
    this.endpoint = endpoint;
    this.time = time;
  }

  /** The exception for a non-2xx reply to a request made with {@code credentials}. */
  FireflyAuthException classify(ImsReply reply, ClientCredentials credentials) {
    int status = reply.status();
    Optional<Map<String, Object>> json = reply.jsonObject();
    String error = json.map(j -> text(j, "error")).orElse("");
    String message = reply.describe() + details(reply, json, error);
    if (status / 100 == 3) {
      return new ConfigurationException(
          message + ": redirects are not followed (Location: " + reply.header("location").orElse("none")
              + "); set " + Setting.IMS_URL + " to the token endpoint itself");
    }
    if (status == 401 || error.equals("invalid_client")) {
      return new CredentialsRejectedException(
          message + ": client ID " + credentials.maskedClientId() + " from " + credentials.origin()
              + " was rejected");
    }
    switch (error) {
      case "invalid_scope":
        return new ConfigurationException(
            message + ": a requested scope is not allowed for this credential; requested scopes: "
                + String.join(",", credentials.scopes()) + " (set " + Setting.SCOPES + " or the credentials'"
                + " scopes to those of the Developer Console project)");
      case "unauthorized_client":
      case "unsupported_grant_type":
        return new ConfigurationException(
            message + ": this client may not use grant_type=client_credentials; it must be an OAuth"
                + " Server-to-Server credential");
      default:
        break;
    }
    if (status == 429 || status == 408 || status / 100 == 5 || status / 100 == 1) {
      Duration retryAfter = reply.header("retry-after").map(this::retryAfter).orElse(null);
      return new TransientException(message, null, retryAfter);
    }
    return new ConfigurationException(message + ": check " + Setting.IMS_URL + " and the credentials");
  }

  /** The exception for a request that got no complete reply (reset, timeout, refused, malformed chunk). */
  TransientException ioFailure(IOException e) {
    return new TransientException(
        "IMS token endpoint " + endpoint + " could not be reached: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
        e);
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; null when malformed. Never negative. */
  Duration retryAfter(String header) {
    String h = header.trim();
    try {
      if (h.matches("\\d{1,9}")) {
        return Duration.ofSeconds(Long.parseLong(h));
      }
      Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(time.now(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String details(ImsReply reply, Optional<Map<String, Object>> json, String error) {
    if (json.isEmpty()) {
      return " with " + reply.describeBody();
    }
    String description = text(json.get(), "error_description");
    if (description.length() > MAX_DESCRIPTION) {
      description = description.substring(0, MAX_DESCRIPTION) + "…";
    }
    return (error.isEmpty() ? "" : ", error " + error)
        + (description.isEmpty() ? "" : " (\"" + description + "\")");
  }

  private static String text(Map<String, Object> json, String field) {
    Object n = json.get(field);
    return n instanceof String ? ((String) n).replaceAll("\\p{Cntrl}", " ").trim() : "";
  }
}

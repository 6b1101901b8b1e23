package dev.fireflyauth.ims;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialsRejectedException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.PeerText;
import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * Decides what a failed exchange means (RFC 6749 §5.2 plus what IMS actually sends), so that callers and the
 * token cache react correctly: rejected credentials are not retried, broken configuration is reported with
 * what to fix, and only transient faults (429, 5xx, I/O) are retried, honouring {@code Retry-After}.
 *
 * <p>Messages carry the endpoint, HTTP status, IMS {@code error}/{@code error_description} and
 * {@code x-debug-id}, all cleaned as peer text (an endpoint that echoes the form body must not put the secret
 * into a message); never the secret or a token. Immutable and thread-safe.
 */
final class ImsErrorClassifier {
  /** A {@code Retry-After} beyond this is taken as this: no peer gets to park us for a year. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final URI endpoint;
  private final TimeSource time;

  ImsErrorClassifier(URI endpoint, TimeSource time) {
    this.endpoint = endpoint;
    this.time = time;
  }

  /** The exception for a non-2xx reply to a request made with {@code credentials}. */
  FireflyAuthException classify(ImsReply reply, ClientCredentials credentials) {
    int status = reply.status();
    String error = reply.text("error");
    String message = reply.describe() + details(reply, error);
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
      Duration retryAfter = reply.rawHeader("retry-after").map(this::retryAfter).orElse(null);
      return new TransientException(message, null, retryAfter);
    }
    return new ConfigurationException(message + ": check " + Setting.IMS_URL + " and the credentials");
  }

  /**
   * The exception for a request that got no complete reply (reset, timeout, refused, malformed status line
   * or headers). The JDK's message may quote what the peer sent, so it is cleaned too.
   */
  TransientException ioFailure(IOException e, Collection<Secret> secrets) {
    String detail = PeerText.clean(e.getMessage(), secrets);
    return new TransientException(
        "IMS token endpoint " + endpoint + " could not be reached: " + e.getClass().getSimpleName()
            + (detail.isEmpty() ? "" : " (" + detail + ")"),
        e);
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date, at most {@link #MAX_RETRY_AFTER}; null when malformed. */
  Duration retryAfter(String header) {
    String h = header.trim();
    try {
      Duration d;
      if (h.matches("\\d{1,12}")) {
        d = Duration.ofSeconds(Long.parseLong(h));
      } else {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        d = Duration.between(time.now(), at);
      }
      if (d.isNegative()) {
        return Duration.ZERO;
      }
      return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static String details(ImsReply reply, String error) {
    if (reply.jsonObject().isEmpty()) {
      return " with " + reply.describeBody();
    }
    String description = reply.text("error_description");
    return (error.isEmpty() ? "" : ", error " + error)
        + (description.isEmpty() ? "" : " (\"" + description + "\")");
  }
}

package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.HttpCalls;
import dev.fireflyauth.spi.support.HttpReply;
import dev.fireflyauth.spi.support.MissingDependency;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One {@code client_credentials} POST to the IMS token endpoint, nothing more: no retries, no rotation.
 *
 * <p>Why it exists: it is the only place that touches the network and the only place a client secret is
 * revealed (into the form body, never the URL). The whole reply, body included, must arrive within the
 * budget the caller gives ({@link HttpCalls}): a peer that stalls after the headers cannot hang us, and
 * {@link #close()} releases a caller blocked here. The {@link HttpClient} is the application's or one per
 * provider, made on first use and reused; it never follows redirects. Thread-safe.
 */
final class ImsTokenRequest implements TokenRequest, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ImsTokenRequest.class.getName());

  private final ImsEndpoint endpoint;
  private final ImsResponseParser parser;
  private final ImsErrorClassifier classifier;
  private final Supplier<HttpClient> client;
  private final HttpCalls calls = new HttpCalls();

  ImsTokenRequest(ImsEndpoint endpoint, ImsResponseParser parser, ImsErrorClassifier classifier,
      Supplier<HttpClient> client) {
    this.endpoint = endpoint;
    this.parser = parser;
    this.classifier = classifier;
    this.client = client;
  }

  @Override
  public AccessToken request(ClientCredentials credentials, Secret secret, Duration budget) {
    LOG.log(Level.DEBUG, "POST {0} for client ID {1}", endpoint, credentials.maskedClientId());
    List<Secret> sent = List.of(secret);
    ImsReply reply = new ImsReply(post(form(credentials, secret), budget, sent), credentials.secrets());
    if (reply.status() / 100 == 2) {
      return parser.parse(reply)
          .withClientId(credentials.clientId())
          .withOrigin("ims via " + credentials.origin());
    }
    throw classifier.classify(reply, credentials);
  }

  private HttpReply post(String form, Duration budget, List<Secret> sent) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.uri())
            .timeout(budget)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    try {
      return calls.send(client.get(), request, ImsReply.MAX_BODY_BYTES, budget);
    } catch (HttpCalls.ClosedException e) {
      throw new IllegalStateException("the IMS token provider was closed during the exchange");
    } catch (IOException e) {
      throw classifier.ioFailure(e, sent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while calling IMS token endpoint " + endpoint, e);
    } catch (LinkageError e) {
      throw MissingDependency.broken("the IMS token provider", e);
    }
  }

  private static String form(ClientCredentials c, Secret secret) {
    return "grant_type=client_credentials"
        + "&client_id=" + encode(c.clientId())
        + "&client_secret=" + encode(secret.reveal())
        + "&scope=" + encode(String.join(",", c.scopes()));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Cancels a POST in flight: its caller gets {@link IllegalStateException} at once. */
  @Override
  public void close() {
    calls.close();
  }
}

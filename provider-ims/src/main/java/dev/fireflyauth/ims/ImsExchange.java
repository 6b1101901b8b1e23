package dev.fireflyauth.ims;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TransientException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * One {@code client_credentials} POST to the IMS token endpoint, nothing more: no retries, no rotation.
 *
 * <p>Why it exists: it is the only place that touches the network and the only place a client secret is
 * revealed (into the form body, never the URL). A fresh {@link HttpClient} is made for each POST and dropped
 * afterwards, because exchanges happen about once a day and an idle provider should hold no selector thread:
 * on JDK 21+ it is closed at once; on JDK 17, which has no {@code HttpClient.close()}, its selector thread ends
 * when the client is garbage-collected. Redirects are never followed. Thread-safe.
 */
final class ImsExchange implements Exchange {
  private static final System.Logger LOG = System.getLogger(ImsExchange.class.getName());

  private final ImsEndpoint endpoint;
  private final ImsResponseParser parser;
  private final ImsErrorClassifier classifier;

  ImsExchange(ImsEndpoint endpoint, ImsResponseParser parser, ImsErrorClassifier classifier) {
    this.endpoint = endpoint;
    this.parser = parser;
    this.classifier = classifier;
  }

  @Override
  public AccessToken exchange(ClientCredentials credentials, Secret secret) {
    LOG.log(Level.DEBUG, "POST {0} for client ID {1}", endpoint, credentials.maskedClientId());
    ImsReply reply = post(form(credentials, secret));
    if (reply.status() / 100 == 2) {
      return parser.parse(reply);
    }
    throw classifier.classify(reply, credentials);
  }

  private ImsReply post(String form) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.uri())
            .timeout(endpoint.requestTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(endpoint.connectTimeout())
            .build();
    try {
      return client.send(request, new CappedBodyHandler(endpoint.uri(), ImsReply.MAX_BODY_BYTES)).body();
    } catch (IOException e) {
      throw classifier.ioFailure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while calling IMS token endpoint " + endpoint, e);
    } finally {
      close(client);
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

  /** {@link HttpClient} is {@link AutoCloseable} from JDK 21 on; closing ends its threads at once. */
  private static void close(HttpClient client) {
    if (client instanceof AutoCloseable) {
      try {
        ((AutoCloseable) client).close();
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "closing the HTTP client failed", e);
      }
    }
  }
}

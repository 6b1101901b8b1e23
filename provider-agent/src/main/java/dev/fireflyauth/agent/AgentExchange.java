package dev.fireflyauth.agent;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.HttpCalls;
import dev.fireflyauth.spi.support.HttpClients;
import dev.fireflyauth.spi.support.OwnedHttpClient;
import dev.fireflyauth.spi.support.HttpReply;
import dev.fireflyauth.spi.support.MissingDependency;
import dev.fireflyauth.spi.support.PeerText;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One {@code GET /v1/token} to the agent, nothing more: the token cache decides when.
 *
 * <p>Why it exists: it is the only place that reads the agent token (from its file, on every request, so the
 * token can rotate) and sends it, and the only place that decides what the agent's answer means:
 * unreachable, a timeout, 429 or 5xx is transient (retrying later may work); 401 means this process holds the
 * wrong agent token, a configuration error naming the file; any other status means the URL is not an agent.
 * The whole reply must arrive within the request timeout ({@link HttpCalls}). The {@link HttpClient} is made
 * on the first request (never in the constructor: building a provider starts no thread) and reused.
 * Thread-safe.
 */
final class AgentExchange implements Supplier<AccessToken>, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AgentExchange.class.getName());

  private final AgentEndpoint endpoint;
  private final AgentTokenFile tokenFile;
  private final AgentReply reply;
  private final Duration requestTimeout;
  private final HttpCalls calls = new HttpCalls();
  private final OwnedHttpClient client;

  AgentExchange(AgentEndpoint endpoint, AgentTokenFile tokenFile, AgentReply reply, Settings settings,
      Duration connectTimeout, Duration requestTimeout) {
    this.endpoint = endpoint;
    this.tokenFile = tokenFile;
    this.reply = reply;
    this.requestTimeout = requestTimeout;
    this.client = new OwnedHttpClient(null, () -> HttpClients.newClient(settings, connectTimeout));
  }

  @Override
  public AccessToken get() {
    Secret agentToken = tokenFile.read();
    LOG.log(Level.DEBUG, "GET {0} with the agent token in {1}", endpoint.tokenUri(), tokenFile.path());
    HttpReply r = send(agentToken);
    if (r.status() == 200) {
      return reply.token(r);
    }
    throw classify(r, agentToken);
  }

  private HttpReply send(Secret agentToken) {
    HttpRequest request = HttpRequest.newBuilder(endpoint.tokenUri())
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + agentToken.reveal())
        .header("Accept", "application/json")
        .GET()
        .build();
    try {
      return calls.send(client.get(), request, AgentReply.MAX_BODY_BYTES, requestTimeout);
    } catch (HttpCalls.ClosedException e) {
      throw new IllegalStateException("the agent token provider was closed during the request");
    } catch (IOException e) {
      String detail = PeerText.clean(e.getMessage(), List.of(agentToken));
      throw new TransientException("the agent at " + endpoint + " (" + endpoint.where() + ") cannot be reached: "
          + e.getClass().getSimpleName() + (detail.isEmpty() ? "" : " (" + detail + ")")
          + "; is `firefly-auth serve` running there?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while asking the agent at " + endpoint + " for a token", e);
    } catch (LinkageError e) {
      throw MissingDependency.broken("the agent token provider", e);
    }
  }

  private FireflyAuthException classify(HttpReply r, Secret agentToken) {
    int status = r.status();
    String prefix = "the agent at " + endpoint + " answered HTTP " + status;
    if (status == 401) {
      return new ConfigurationException("the agent at " + endpoint + " refused the agent token in " + tokenFile
          + ": the file must hold the token of the agent there (its startup line names its token file)");
    }
    if (status == 429 || status == 408 || status / 100 == 5) {
      String kind = AgentReply.failureKind(r, List.of(agentToken))
          .map(k -> " (its own token request failed: " + k + ")").orElse("");
      return new TransientException(prefix + kind, null);
    }
    return new ConfigurationException(prefix + " to GET " + AgentProtocol.TOKEN_PATH + ": check that "
        + endpoint.where() + " is the base URL of a `firefly-auth serve` agent, such as " + AgentProtocol.DEFAULT_URL);
  }

  /** Cancels a request in flight (its caller gets {@link IllegalStateException}) and closes the client (JDK 21+). */
  @Override
  public void close() {
    calls.close();
    client.close();
  }
}

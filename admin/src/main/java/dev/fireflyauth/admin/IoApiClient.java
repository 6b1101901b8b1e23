package dev.fireflyauth.admin;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.HttpCalls;
import dev.fireflyauth.spi.support.HttpReply;
import dev.fireflyauth.spi.support.MissingDependency;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * One call to the I/O Management API: {@code Authorization: Bearer …} with the {@link AdminToken} and
 * {@code x-api-key} with the client ID, the whole reply within the request timeout and at most
 * {@value #MAX_BODY_BYTES} bytes of body ({@link HttpCalls}), redirects never followed.
 *
 * <p>Why it exists: it is the only place the admin token is revealed, and the only place that touches the
 * network for the API. A 401 means the token was not accepted, so the call was not carried out: the token is
 * invalidated and the call made once more with a new one; a second 401 is returned to the caller as is (see
 * {@link dev.fireflyauth.TokenProvider#invalidate}). Network faults become {@link TransientException}s naming
 * the URL, other answers typed errors ({@link IoApiErrors}), their text cleaned of secrets. Thread-safe.
 */
final class IoApiClient implements AutoCloseable {
  /** Bodies larger than this are refused unread: a credential has two secrets, not thousands. */
  static final int MAX_BODY_BYTES = 256 * 1024;

  private static final System.Logger LOG = System.getLogger(IoApiClient.class.getName());

  private final Supplier<HttpClient> client;
  private final Duration timeout;
  private final AdminToken token;
  private final String clientId;
  private final IoApiErrors errors;
  private final HttpCalls calls = new HttpCalls();

  IoApiClient(Supplier<HttpClient> client, Duration timeout, AdminToken token, String clientId, IoApiErrors errors) {
    this.client = client;
    this.timeout = timeout;
    this.token = token;
    this.clientId = clientId;
    this.errors = errors;
  }

  /** What a call is, for the log and for messages: {@code GET …/secrets}. */
  record Call(String method, URI uri) {
    @Override
    public String toString() {
      return method + " " + uri;
    }
  }

  /**
   * Sends {@code call} and returns its successful (2xx) reply.
   *
   * @param known secrets to strip from any text of the peer (besides the credential's and the token)
   * @throws dev.fireflyauth.FireflyAuthException for any other reply ({@link IoApiErrors#failed}) or when no
   *     complete reply arrived
   */
  HttpReply send(Call call, IoApiErrors.Operation operation, Collection<Secret> known) {
    List<Secret> all = new ArrayList<>(known);
    AccessToken t = token.token();
    all.add(t.value());
    HttpReply reply = once(call, t, all);
    if (reply.status() == 401) {
      LOG.log(Level.DEBUG, "{0} answered 401: invalidating the token and trying once more", call);
      token.invalidate(t);
      t = token.token();
      all.add(t.value());
      reply = once(call, t, all);
    }
    if (reply.status() / 100 != 2) {
      throw errors.failed(call, reply, operation, all);
    }
    return reply;
  }

  private HttpReply once(Call call, AccessToken t, List<Secret> known) {
    LOG.log(Level.DEBUG, "{0}", call);
    HttpRequest request = HttpRequest.newBuilder(call.uri())
        .timeout(timeout)
        .header(FireflyAuth.API_KEY_HEADER, clientId)
        .header(FireflyAuth.AUTHORIZATION_HEADER, t.authorizationHeader())
        .header("Accept", "application/json")
        .method(call.method(), HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      return calls.send(client.get(), request, MAX_BODY_BYTES, timeout);
    } catch (HttpCalls.ClosedException e) {
      throw new IllegalStateException("this SecretsAdmin was closed during " + call);
    } catch (IOException e) {
      throw errors.unreachable(call, e, known);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted during " + call, e);
    } catch (LinkageError e) {
      throw MissingDependency.broken("the I/O Management API client", e);
    }
  }

  /** Cancels calls in flight; their callers get {@link IllegalStateException}. */
  @Override
  public void close() {
    calls.close();
  }
}

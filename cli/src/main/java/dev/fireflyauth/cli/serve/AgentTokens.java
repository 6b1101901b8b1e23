package dev.fireflyauth.cli.serve;

import dev.fireflyauth.AccessToken;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.spi.support.Futures;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The token the agent hands out, from its {@link FireflyAuth} (whose cache makes one exchange per lifetime
 * however many clients ask), or why there is none.
 *
 * <p>Why it exists: the token and health endpoints must agree on when the agent can serve, and the operator must
 * learn why it cannot, once, on stderr, not once per client request. A token without a known expiry (a ready-made
 * {@code FIREFLY_SERVICES_ACCESS_TOKEN}) is not handed out: clients could not know when to come back. Failure
 * messages are the library's, which never hold a secret or a token. Thread-safe.
 */
final class AgentTokens {
  private static final System.Logger LOG = System.getLogger(AgentTokens.class.getName());

  /** A token to hand out, with the client ID it was issued to. */
  record Handout(AccessToken token, String clientId) {}

  /** Why no token can be handed out now: the failure's kind, and whether retrying later may help. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final boolean retryable;

    Unavailable(String kind, boolean retryable) {
      super(kind, null, false, false);
      this.kind = kind;
      this.retryable = retryable;
    }

    /** {@code transient}, {@code rejected}, {@code broken}, {@code not_found} or {@code internal}. */
    String kind() {
      return kind;
    }

    boolean retryable() {
      return retryable;
    }
  }

  private final FireflyAuth auth;
  /** The reason last logged; null once a token was handed out again. */
  private final AtomicReference<String> lastLogged = new AtomicReference<>();

  AgentTokens(FireflyAuth auth) {
    this.auth = auth;
  }

  /** Obtains the first token in the background, so the first client need not wait; failures are reported. */
  void warmUp() {
    auth.tokenAsync().whenComplete((t, ex) -> {
      if (ex != null && Futures.unwrap(ex) instanceof FireflyAuthException e) {
        report(e.getMessage());
      }
    });
  }

  /** The token to hand out now. */
  Handout current() throws Unavailable {
    try {
      AccessToken t = auth.token();
      if (!t.hasExpiry() || t.expiresAt().isEmpty()) {
        report("the token provider (" + t.origin().orElse("unknown") + ") hands out a token without a known expiry,"
            + " which the agent does not pass on (clients could not know when to come back); do not set"
            + " FIREFLY_SERVICES_ACCESS_TOKEN for `firefly-auth serve`");
        throw new Unavailable(AgentMetrics.kind(FireflyAuthException.Kind.BROKEN), false);
      }
      String clientId = t.clientId().orElseGet(() -> auth.credentials().clientId());
      if (lastLogged.get() != null) { // every request passes here: no lock, and no write while all is well
        lastLogged.set(null);
      }
      return new Handout(t, clientId);
    } catch (FireflyAuthException e) {
      report(e.getMessage());
      throw new Unavailable(AgentMetrics.kind(e.kind()), e.kind() == FireflyAuthException.Kind.TRANSIENT);
    } catch (IllegalStateException e) {
      throw new Unavailable("internal", true); // closed while stopping
    }
  }

  /** Logs {@code message} once per change of reason, not once per request. */
  private void report(String message) {
    if (Objects.equals(lastLogged.getAndSet(message), message)) {
      return;
    }
    LOG.log(Level.WARNING, "firefly-auth serve cannot hand out a token: " + message);
  }
}

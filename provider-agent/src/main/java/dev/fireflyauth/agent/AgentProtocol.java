package dev.fireflyauth.agent;

/**
 * The wire contract between a {@code firefly-auth serve} agent and its clients: paths, the default address and
 * the JSON field names of the token reply.
 *
 * <p>Why it exists: the agent (in the CLI) and this provider are built separately but must speak exactly the
 * same protocol; both read these constants, so a renamed field cannot break one side silently. Clients in other
 * languages rely on the same names (see the README's "Sidecar" section).
 *
 * <p>{@code GET /v1/token} with {@code Authorization: Bearer <agent token>} answers
 * {@code {"access_token","token_type","expires_at","expires_in","client_id"}}, {@code expires_at} an ISO-8601
 * instant (UTC) and {@code expires_in} whole seconds; {@code GET /v1/health} needs no agent token and answers
 * {@code {"status"}} (and {@code "kind"} when it cannot serve); {@code GET /metrics} is Prometheus text.
 */
public final class AgentProtocol {
  /** Hands out the current access token. */
  public static final String TOKEN_PATH = "/v1/token";
  /** 200 when the agent can hand out a token, 503 otherwise; needs no agent token. */
  public static final String HEALTH_PATH = "/v1/health";
  /** Prometheus text format. */
  public static final String METRICS_PATH = "/metrics";

  /** The port the agent listens on unless told otherwise. */
  public static final int DEFAULT_PORT = 8719;
  /** The agent's address unless told otherwise: loopback only. */
  public static final String DEFAULT_URL = "http://127.0.0.1:" + DEFAULT_PORT;

  public static final String ACCESS_TOKEN = "access_token";
  public static final String TOKEN_TYPE = "token_type";
  /** ISO-8601 instant in UTC, e.g. {@code 2026-11-30T12:00:00Z}. */
  public static final String EXPIRES_AT = "expires_at";
  /** Whole seconds until {@link #EXPIRES_AT}, for clients that would rather not parse dates. */
  public static final String EXPIRES_IN = "expires_in";
  /** The client ID the token was issued to: the {@code x-api-key} to send with it. */
  public static final String CLIENT_ID = "client_id";
  /** On an error reply: what went wrong, e.g. {@code unavailable}, {@code unauthorized}. */
  public static final String ERROR = "error";
  /** On a 5xx reply: the kind of the agent's own failure ({@code transient}, {@code rejected}, …). */
  public static final String KIND = "kind";
  /** On a health reply: {@code ok} or {@code unavailable}. */
  public static final String STATUS = "status";

  private AgentProtocol() {}
}

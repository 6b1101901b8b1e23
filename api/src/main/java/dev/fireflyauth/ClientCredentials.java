package dev.fireflyauth;

import dev.fireflyauth.spi.support.HeaderValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Adobe OAuth server-to-server credential as a source found it: client ID, live client secrets, scopes,
 * optional IMS organisation, and where it came from.
 *
 * <p>Why it exists: every source (environment, file, secret store) produces the same thing, and every token
 * provider consumes it. Secrets are kept newest first because Adobe allows two live secrets during rotation:
 * when IMS rejects the first, the second is tried. A credential may have no secret at all when only the
 * {@code x-api-key} header is needed (a ready-made access token is in use).
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no secret and masks the client ID.
 */
public final class ClientCredentials {
  /** Scopes used when a source names none. */
  public static final List<String> DEFAULT_SCOPES =
      List.of(
          "openid",
          "AdobeID",
          "session",
          "additional_info",
          "read_organizations",
          "firefly_api",
          "ff_apis");

  private final String clientId;
  private final List<Secret> secrets;
  private final List<String> scopes;
  private final String orgId;
  private final String origin;

  /** The origin of credentials built in code without one. */
  public static final String CODE_ORIGIN = "code";

  private ClientCredentials(Builder b) {
    this.clientId = requireText(b.clientId, "clientId");
    if (HeaderValues.hasControlCharacter(clientId)) {
      // Never quote it: the value ends up in an HTTP header, and a CR/LF in it would forge another header.
      throw new IllegalArgumentException("clientId must not contain control characters (CR, LF, tab, ...)");
    }
    this.secrets = List.copyOf(b.secrets);
    this.scopes = b.scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(b.scopes);
    this.orgId = b.orgId;
    this.origin = requireText(b.origin, "origin");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The client ID, also sent as the {@code x-api-key} header. Not a secret, but shown masked by {@link #toString()}. */
  public String clientId() {
    return clientId;
  }

  /** Live client secrets, newest first; empty when this credential only identifies the client. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** Whether at least one client secret is present. */
  public boolean hasSecret() {
    return !secrets.isEmpty();
  }

  /** Scopes to request, in order; {@link #DEFAULT_SCOPES} when the source named none. */
  public List<String> scopes() {
    return scopes;
  }

  /** The IMS organisation ID, when the source knows it. */
  public Optional<String> orgId() {
    return Optional.ofNullable(orgId);
  }

  /** Where these credentials came from, for people: {@code env FIREFLY_SERVICES_CLIENT_ID}, {@code file … [profile prod]}. */
  public String origin() {
    return origin;
  }

  /** A copy with other secrets, used when a source re-reads a rotated secret. */
  public Builder toBuilder() {
    return builder().clientId(clientId).secrets(secrets).scopes(scopes).orgId(orgId).origin(origin);
  }

  /** The client ID with all but its last four characters masked, for display. */
  public String maskedClientId() {
    return mask(clientId);
  }

  /** {@code s} with all but its last four characters replaced by {@code *} (fully masked when short). */
  public static String mask(String s) {
    return dev.fireflyauth.spi.support.Mask.lastFour(s);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClientCredentials)) {
      return false;
    }
    ClientCredentials c = (ClientCredentials) o;
    return clientId.equals(c.clientId)
        && secrets.equals(c.secrets)
        && scopes.equals(c.scopes)
        && Objects.equals(orgId, c.orgId)
        && origin.equals(c.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clientId, secrets, scopes, orgId, origin);
  }

  @Override
  public String toString() {
    return "ClientCredentials{clientId="
        + maskedClientId()
        + ", secrets="
        + secrets.size()
        + ", scopes="
        + scopes
        + (orgId == null ? "" : ", orgId=" + orgId)
        + ", origin="
        + origin
        + '}';
  }

  private static String requireText(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return s;
  }

  /** Builds {@link ClientCredentials}; not thread-safe. */
  public static final class Builder {
    private String clientId;
    private final List<Secret> secrets = new ArrayList<>();
    private final List<String> scopes = new ArrayList<>();
    private String orgId;
    private String origin = CODE_ORIGIN;

    private Builder() {}

    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /** Adds a secret after those already added (add the newest first). */
    public Builder addSecret(Secret secret) {
      secrets.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /** Replaces the secrets, newest first. */
    public Builder secrets(List<Secret> newestFirst) {
      secrets.clear();
      newestFirst.forEach(this::addSecret);
      return this;
    }

    /** Replaces the scopes; blank entries are dropped, duplicates kept once. */
    public Builder scopes(List<String> scopes) {
      this.scopes.clear();
      for (String s : scopes) {
        String t = Objects.requireNonNull(s, "scope").trim();
        if (!t.isEmpty() && !this.scopes.contains(t)) {
          this.scopes.add(t);
        }
      }
      return this;
    }

    /** Replaces the scopes from a comma-separated string such as {@code openid,AdobeID,firefly_api}. */
    public Builder scopes(String commaSeparated) {
      return scopes(Arrays.asList(commaSeparated.split(",")));
    }

    /** The IMS organisation ID; null or blank clears it. */
    public Builder orgId(String orgId) {
      this.orgId = orgId == null || orgId.isBlank() ? null : orgId.trim();
      return this;
    }

    /** Where these credentials came from, for people; default {@value ClientCredentials#CODE_ORIGIN}. */
    public Builder origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /**
     * @throws NullPointerException when the client ID was not set
     * @throws IllegalArgumentException when the client ID or origin is blank, or the client ID holds a control
     *     character
     */
    public ClientCredentials build() {
      return new ClientCredentials(this);
    }

    @Override
    public String toString() {
      return "ClientCredentials.Builder{secrets=" + Collections.nCopies(secrets.size(), "redacted") + '}';
    }
  }
}

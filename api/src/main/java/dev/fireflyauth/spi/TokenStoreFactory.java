package dev.fireflyauth.spi;

import java.util.List;

/**
 * Opens a {@link TokenStore} for the schemes it knows, e.g. {@code file} or {@code redis} / {@code rediss}, as
 * named by {@code FIREFLY_TOKEN_STORE} ({@code file}, {@code file:/some/dir}, {@code redis://host:6379/0}).
 * Found with {@link java.util.ServiceLoader}.
 *
 * <p>Construction must be cheap and must load no client library (a Redis client's classes are loaded, and its
 * threads started, only when {@link #open} is called because the store is configured).
 */
public interface TokenStoreFactory {

  /** A short name for traces, e.g. {@code file}, {@code redis}. */
  String name();

  /** The schemes handled, lower case: the part of the setting before the first ':' (or all of it). */
  List<String> schemes();

  /**
   * Opens the store that {@code spec} describes. Cheap: problems met when the store is used are reported
   * then (as warnings), not here.
   *
   * @throws dev.fireflyauth.ConfigurationException when {@code spec} is malformed; the message must not
   *     contain a password the spec may hold
   */
  TokenStore open(String spec, StoreContext context);
}

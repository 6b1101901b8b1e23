package dev.fireflyauth.redis;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the Redis store needs to connect, read from the spec and the settings before any Redis client
 * class is loaded: the {@link RedisLocation}, the credentials and where they were read, and the timeouts.
 *
 * <p>Why it exists: a malformed setting must fail when the store is opened, with a message that names the
 * setting and where it was read, and the rest of the store must never have to look at settings again.
 * {@link #toString()} shows no credential. Immutable.
 *
 * @param location where Redis is
 * @param username the Redis ACL user, or null for the default user
 * @param password the password, or null when Redis needs none
 * @param credentialsWhere where the password (and user) were read, for "check …" hints; null without a password
 * @param timeout the longest one command may wait for its reply
 * @param connectTimeout the longest a TCP connect may take
 * @param lockLease how long a lock outlives a holder that stopped renewing it (it died or froze)
 */
record RedisConfig(
    RedisLocation location, String username, Secret password, String credentialsWhere, Duration timeout,
    Duration connectTimeout, Duration lockLease) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(5);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

  /**
   * Reads {@code spec} and the Redis settings.
   *
   * @throws ConfigurationException when the spec or a setting is malformed, or a password is given twice
   *     with different values; never quoting a password
   */
  static RedisConfig from(String spec, Settings settings) {
    RedisLocation location = RedisLocation.parse(spec);
    Optional<Settings.Value> user = settings.get(RedisTokenStoreFactory.USERNAME);
    Optional<Settings.Value> pass = settings.get(RedisTokenStoreFactory.PASSWORD);
    String shown = "token store '" + location.display() + "'";

    Secret password = location.password();
    String where = password == null ? null : "the password in " + shown;
    if (pass.isPresent()) {
      Secret fromSetting = Secret.of(pass.get().value());
      if (password != null && !password.equals(fromSetting)) {
        throw new ConfigurationException(shown + " carries a password and " + pass.get().where()
            + " sets another one; keep only one of them");
      }
      if (password == null) {
        password = fromSetting;
        where = pass.get().where();
      }
    }
    String username = location.username();
    String userWhere = username == null ? null : "the user in " + shown;
    if (username == null && user.isPresent()) {
      username = user.get().value();
      userWhere = user.get().where();
    } else if (username != null && user.isPresent() && !username.equals(user.get().value())) {
      throw new ConfigurationException(shown + " names a user and " + user.get().where()
          + " names another one; keep only one of them");
    }
    if (username != null && password == null) {
      throw new ConfigurationException("a Redis user is set (" + userWhere + ") but no password; set "
          + RedisTokenStoreFactory.PASSWORD + " too");
    }
    if (userWhere != null) {
      where = where + " and " + userWhere;
    }
    return new RedisConfig(location, username, password, where,
        settings.duration(RedisTokenStoreFactory.TIMEOUT, DEFAULT_TIMEOUT, Duration.ofMillis(1), MAX_TIMEOUT),
        settings.duration(RedisTokenStoreFactory.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(1),
            MAX_TIMEOUT),
        settings.duration(RedisTokenStoreFactory.LOCK_LEASE, DEFAULT_LOCK_LEASE, Duration.ofMillis(100),
            Duration.ofMinutes(10)));
  }

  /** The secrets a message must never contain. */
  List<Secret> secrets() {
    return password == null ? List.of() : List.of(password);
  }

  @Override
  public String toString() {
    return "RedisConfig{" + location.display() + (username == null ? "" : ", user set")
        + (password == null ? "" : ", password set") + ", timeout=" + timeout + ", connectTimeout="
        + connectTimeout + ", lockLease=" + lockLease + '}';
  }
}

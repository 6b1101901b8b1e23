package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.Settings;
import dev.fireflyauth.redis.RedisLocation.HostAndPort;
import dev.fireflyauth.redis.RedisLocation.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URI forms, their redacted display, and a clear message for each malformed spec, never with a password. */
class RedisLocationTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://cache|redis://cache:6379/0",
      "REDIS://cache:6380/2|redis://cache:6380/2",
      "rediss://:pw@cache.example.com:6380/1|rediss://***@cache.example.com:6380/1",
      "redis://[::1]:7000|redis://[::1]:7000/0",
      "redis-sentinel://s1,s2:26380/3?sentinelMasterId=mymaster|redis-sentinel://s1:26379,s2:26380/3?sentinelMasterId=mymaster",
      "rediss-sentinel://u:p@s1?sentinelMasterId=m|rediss-sentinel://***@s1:26379/0?sentinelMasterId=m",
      "redis-cluster://n1:7000, n2:7001|redis-cluster://n1:7000,n2:7001",
      "rediss-cluster://n1|rediss-cluster://n1:6379",
  })
  void formsAndTheirDisplay(String spec, String display) {
    assertEquals(display, RedisLocation.parse(spec).display());
  }

  @Test
  void userInfoIsDecodedAndItsLastAtEndsIt() {
    RedisLocation l = RedisLocation.parse("redis://alice:p%40ss:w/o?rd@cache:6379/4");
    assertEquals("alice", l.username());
    assertEquals("p@ss:w/o?rd", l.password().reveal());
    assertEquals(List.of(new HostAndPort("cache", 6379)), l.hosts());
    assertEquals(4, l.database());
    assertEquals(Topology.STANDALONE, l.topology());
    assertFalse(l.toString().contains("p@ss"));

    RedisLocation passwordOnly = RedisLocation.parse("redis://s3cret@cache");
    assertNull(passwordOnly.username(), "like Lettuce and redis-cli: no ':' means a password");
    assertEquals("s3cret", passwordOnly.password().reveal());
  }

  @Test
  void aPasswordOutsideTheBmpIsKeptWhetherEscapedOrNot() {
    String password = "p\uD83D\uDD11w"; // U+1F511, two chars in Java
    assertEquals(password, RedisLocation.parse("redis://:" + password + "@cache").password().reveal());
    assertEquals(password, RedisLocation.parse("redis://:p%F0%9F%94%91w@cache").password().reveal());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis:cache|token store 'redis:…' is not a valid Redis URI: it must start with one of redis://, rediss://,"
          + " redis-sentinel://, rediss-sentinel://, redis-cluster://, rediss-cluster:// (e.g. redis://host:6379/0)",
      "redis://|token store 'redis://' is not a valid Redis URI: it names no host (e.g. redis://host:6379/0)",
      "redis://h:99999|token store 'redis://h:99999' is not a valid Redis URI: the port of host h is not a number"
          + " from 1 to 65535 (e.g. redis://host:6379/0)",
      "redis://h/x|token store 'redis://h/x' is not a valid Redis URI: the database 'x' after the host is not a"
          + " number (0, 1, …) (e.g. redis://host:6379/0)",
      "redis://a,b|token store 'redis://a,b' is not a valid Redis URI: it names 2 servers; use redis-sentinel:// or"
          + " redis-cluster:// for several (e.g. redis://host:6379/0)",
      "redis-cluster://n1/1|token store 'redis-cluster://n1/1' is not a valid Redis URI: a Redis Cluster has only"
          + " database 0, the URI names 1 (e.g. redis://host:6379/0)",
      "redis-sentinel://s1|token store 'redis-sentinel://s1' is not a valid Redis URI: Sentinel needs the master's"
          + " name: add ?sentinelMasterId=mymaster (e.g. redis://host:6379/0)",
      "redis://h?timeout=1|token store 'redis://h?timeout=1' is not a valid Redis URI: parameter 'timeout' is not"
          + " known; this form takes none (credentials go in FIREFLY_REDIS_USERNAME / FIREFLY_REDIS_PASSWORD,"
          + " timeouts in FIREFLY_REDIS_TIMEOUT) (e.g. redis://host:6379/0)",
      "redis://h#x|token store 'redis://h#x' is not a valid Redis URI: a fragment ('#…') is not supported"
          + " (e.g. redis://host:6379/0)",
      "redis://::1|token store 'redis://***' is not a valid Redis URI: a host has several ':'; write an IPv6"
          + " address in brackets, e.g. [::1]:6379 (e.g. redis://host:6379/0)",
  })
  void eachMalformedSpecSaysWhatIsWrong(String spec, String message) {
    assertEquals(message, assertThrows(ConfigurationException.class, () -> RedisLocation.parse(spec)).getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://:p%zzTopSecret1@h|the password has a '%' that is not followed by two hex digits",
      "redis://user:TopSecret1@h:x|the port of host h is not a number from 1 to 65535",
      "redis://user:TopSecret1/h|the port of host user is not a number from 1 to 65535",
      "redis://user:@h|the password in the user info is empty",
      "redis-sentinel://:TopSecret1@s?sentinelMasterId=|sentinelMasterId is empty",
      "redis://h:6379/0?password=TopSecret1|parameter 'password' is not known",
      "redis-sentinel://s?sentinelMasterId=m&auth_token=TopSecret1|parameter 'auth_token' is not known",
      "redis://h?p%20TopSecret1=x|parameter (a parameter whose name is not shown) is not known",
  })
  void aMalformedSpecNeverShowsItsPassword(String spec, String why) {
    String message = assertThrows(ConfigurationException.class, () -> RedisLocation.parse(spec)).getMessage();
    assertFalse(message.contains("TopSecret1"), message);
    assertFalse(message.contains("p%zz"), message);
    assertEquals(true, message.contains(why), message);
  }

  @Test
  void credentialsComeFromTheSettingsOrTheUriButNotTwoDifferentOnes() {
    RedisConfig fromSettings = RedisConfig.from("redis://cache", settings(Map.of(
        "FIREFLY_REDIS_USERNAME", "svc", "FIREFLY_REDIS_PASSWORD", "TopSecret1")));
    assertEquals("svc", fromSettings.username());
    assertEquals("TopSecret1", fromSettings.password().reveal());
    assertEquals("setting FIREFLY_REDIS_PASSWORD and setting FIREFLY_REDIS_USERNAME", fromSettings.credentialsWhere());
    assertFalse(fromSettings.toString().contains("TopSecret1"));
    assertFalse(fromSettings.toString().contains("svc"));

    RedisConfig same = RedisConfig.from("redis://:TopSecret1@cache",
        settings(Map.of("FIREFLY_REDIS_PASSWORD", "TopSecret1")));
    assertEquals("the password in token store 'redis://***@cache:6379/0'", same.credentialsWhere());

    String twice = assertThrows(ConfigurationException.class, () -> RedisConfig.from("redis://:TopSecret1@cache",
        settings(Map.of("firefly.redis.password", "OtherSecret2")))).getMessage();
    assertEquals("token store 'redis://***@cache:6379/0' carries a password and setting firefly.redis.password sets"
        + " another one; keep only one of them", twice);

    String userOnly = assertThrows(ConfigurationException.class, () -> RedisConfig.from("redis://cache",
        settings(Map.of("FIREFLY_REDIS_USERNAME", "svc")))).getMessage();
    assertEquals("a Redis user is set (setting FIREFLY_REDIS_USERNAME) but no password; set FIREFLY_REDIS_PASSWORD"
        + " / firefly.redis.password too", userOnly);
  }

  @Test
  void timeoutsHaveShortDefaultsAndCheckedRanges() {
    RedisConfig d = RedisConfig.from("redis://cache", settings(Map.of()));
    assertEquals(Duration.ofMillis(250), d.timeout());
    assertEquals(Duration.ofSeconds(1), d.connectTimeout());
    assertEquals(Duration.ofSeconds(5), d.lockLease());
    assertNull(d.password());

    RedisConfig set = RedisConfig.from("redis://cache", settings(Map.of("FIREFLY_REDIS_TIMEOUT", "0.1",
        "FIREFLY_REDIS_CONNECT_TIMEOUT", "PT3S", "FIREFLY_REDIS_LOCK_LEASE", "2")));
    assertEquals(Duration.ofMillis(100), set.timeout());
    assertEquals(Duration.ofSeconds(3), set.connectTimeout());
    assertEquals(Duration.ofSeconds(2), set.lockLease());

    assertEquals("setting FIREFLY_REDIS_TIMEOUT must be a duration in seconds (10) or ISO-8601 (PT10S), was 'fast'",
        assertThrows(ConfigurationException.class, () -> RedisConfig.from("redis://cache",
            settings(Map.of("FIREFLY_REDIS_TIMEOUT", "fast")))).getMessage());
    assertEquals("setting FIREFLY_REDIS_TIMEOUT must be from 1 ms to 1 min, was '0'",
        assertThrows(ConfigurationException.class, () -> RedisConfig.from("redis://cache",
            settings(Map.of("FIREFLY_REDIS_TIMEOUT", "0")))).getMessage());
    assertEquals("setting FIREFLY_REDIS_LOCK_LEASE must be from 100 ms to 10 min, was '0.05'",
        assertThrows(ConfigurationException.class, () -> RedisConfig.from("redis://cache",
            settings(Map.of("FIREFLY_REDIS_LOCK_LEASE", "0.05")))).getMessage());
  }

  @Test
  void theFactoryAnswersForEveryForm() {
    RedisTokenStoreFactory f = new RedisTokenStoreFactory();
    assertEquals("redis", f.name());
    assertEquals(List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-cluster", "rediss-cluster"),
        f.schemes());
  }

  private static Settings settings(Map<String, String> values) {
    Settings.Builder b = Settings.builder();
    values.forEach(b::put);
    return b.build();
  }
}

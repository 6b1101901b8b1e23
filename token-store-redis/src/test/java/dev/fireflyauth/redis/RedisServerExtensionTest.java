package dev.fireflyauth.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Without redis-server the Redis tests are skipped with one clear line, except under CI, where that fails. */
class RedisServerExtensionTest {

  @Test
  void missingRedisServerSkipsWithTheLineThatNamesThePackage() {
    List<String> told = new ArrayList<>();
    TestAbortedException skipped = assertThrows(TestAbortedException.class,
        () -> RedisServerExtension.requireBinary(Optional.empty(), null, told::add));
    assertEquals(RedisServerExtension.MISSING, skipped.getMessage());
    assertEquals(List.of(RedisServerExtension.MISSING), told, "one line");
    assertEquals("redis-server is not installed: the Redis tests are skipped; install it with 'apt-get install"
        + " redis-server' (Debian/Ubuntu), or run with CI=true to make this a failure", RedisServerExtension.MISSING);
  }

  @Test
  void missingRedisServerUnderCiIsAFailure() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RedisServerExtension.requireBinary(Optional.empty(), "true", line -> {}));
    assertEquals("CI=true but redis-server is not installed: install it with 'apt-get install -y redis-server'"
        + " (.ci/run does this)", e.getMessage());
  }

  @Test
  void aPresentRedisServerIsUsed() {
    assertEquals("/opt/redis/bin/redis-server",
        RedisServerExtension.requireBinary(Optional.of("/opt/redis/bin/redis-server"), "true", line -> {}));
  }
}

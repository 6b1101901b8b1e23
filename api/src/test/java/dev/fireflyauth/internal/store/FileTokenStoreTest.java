package dev.fireflyauth.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FileTokenStoreTest {
  private static final String KEY = EntryKeys.of(URI.create("https://ims/t"), "c", List.of("s"));
  private static final byte[] VALUE = {1, 2, 3, 4};
  private static final Instant LATER = Instant.now().plusSeconds(3600);

  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void createsItsDirectory0700AndEntries0600AtomicallyWithNothingElseLeft() throws Exception {
    Path dir = tmp.resolve("cache/firefly-auth");
    FileTokenStore store = new FileTokenStore(dir);
    assertEquals(Optional.empty(), store.read(KEY));
    store.write(KEY, VALUE, LATER);
    assertEquals("rwx------", mode(dir));
    try (var files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size(), "no temporary file left: " + all);
      assertEquals("rw-------", mode(all.get(0)));
    }
    assertArrayEquals(VALUE, store.read(KEY).orElseThrow());
    assertEquals(1, store.entries().size());
  }

  @Test
  void deleteRemovesOnlyTheExpectedValue() {
    FileTokenStore store = new FileTokenStore(tmp.resolve("d"));
    store.write(KEY, VALUE, LATER);
    store.delete(KEY, new byte[] {9});
    assertTrue(store.read(KEY).isPresent());
    store.delete(KEY, VALUE);
    assertTrue(store.read(KEY).isEmpty());
  }

  @Test
  void aDirectoryOthersCanWriteIsRefused() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("loose"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    FileTokenStore store = new FileTokenStore(dir);
    TokenStoreException e = assertThrows(TokenStoreException.class, () -> store.write(KEY, VALUE, LATER));
    assertEquals("file " + dir + " is writable by others (rwxrwxrwx) and is not used; run: chmod 700 " + dir,
        e.getMessage());
    assertEquals(Optional.of(e.getMessage()), store.problem());
  }

  @Test
  void aDirectoryOwnedBySomeoneElseIsRefused() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chown");
    Path dir = Files.createDirectory(tmp.resolve("foreign"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(dir, nobody);
    TokenStoreException e = assertThrows(TokenStoreException.class, () -> new FileTokenStore(dir).read(KEY));
    assertTrue(e.getMessage().contains("is owned by nobody, not by root"), e.getMessage());
  }

  @Test
  void aCacheHomeThatIsARegularFileMakesTheStoreUnusable() throws Exception {
    Path file = Files.writeString(tmp.resolve("xdg"), "not a directory");
    FileTokenStore store = new FileTokenStore(file.resolve("firefly-auth"));
    assertTrue(store.problem().orElseThrow().contains("is not a directory"), store.problem().toString());
    assertThrows(TokenStoreException.class, () -> store.write(KEY, VALUE, LATER));
  }

  @Test
  void anEntryThatIsASymbolicLinkIsNeverFollowedAndIsReplacedOnWrite() throws Exception {
    Path dir = tmp.resolve("d");
    FileTokenStore store = new FileTokenStore(dir);
    store.write(KEY, VALUE, LATER);
    Path entry;
    try (var files = Files.list(dir)) {
      entry = files.findFirst().orElseThrow();
    }
    Path elsewhere = Files.write(tmp.resolve("planted"), new byte[] {7, 7});
    Files.delete(entry);
    Files.createSymbolicLink(entry, elsewhere);
    assertThrows(TokenStoreException.class, () -> store.read(KEY));
    store.write(KEY, VALUE, LATER);
    assertFalse(Files.isSymbolicLink(entry));
    assertArrayEquals(new byte[] {7, 7}, Files.readAllBytes(elsewhere), "the link target was not touched");
  }

  @Test
  void theLockIsExclusiveAndAWaiterGivesUpAtItsDeadline() throws Exception {
    FileTokenStore store = new FileTokenStore(tmp.resolve("d"));
    TokenStore.Lock held = store.lock(KEY, Duration.ofSeconds(1)).orElseThrow();
    assertEquals(Optional.empty(), store.lock(KEY, Duration.ofMillis(100)));
    CompletableFuture<Optional<TokenStore.Lock>> waiter = CompletableFuture.supplyAsync(() -> {
      try {
        return store.lock(KEY, Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    assertFalse(waiter.isDone());
    held.close();
    TokenStore.Lock next = waiter.get(5, TimeUnit.SECONDS).orElseThrow();
    next.close();
    next.close(); // idempotent
  }
}

package dev.fireflyauth.internal.store;

import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A token store in a directory: one file per entry ({@code <hash>.token}, mode 0600) in a directory of mode
 * 0700, written atomically (a temporary file in the same directory, then a rename), and one lock file per
 * entry locked with {@link FileChannel#tryLock()} for cross-process single flight.
 *
 * <p>Why it exists: the CLI and short-lived processes on one machine share tokens the way gcloud and az do.
 * The directory is refused (every call throws {@link TokenStoreException}, which the library turns into one
 * warning) when it is group- or world-writable or owned by another user, because then someone else could
 * plant or swap entries; entries are never read or written through a symbolic link. An OS file lock is
 * released by the kernel when its process dies, so a process killed while exchanging delays the others only
 * until its lock goes away. Within one JVM, a semaphore per lock file stands in for the OS lock (which the
 * JDK holds per process, not per thread). Thread-safe.
 */
public final class FileTokenStore implements TokenStore {
  static final String SUFFIX = ".token";
  static final String LOCK_SUFFIX = ".lock";
  private static final int MAX_ENTRY_BYTES = 64 * 1024;
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** One semaphore per lock file for this JVM: the OS lock belongs to the process, not to a thread. */
  private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path dir;
  private final boolean posix;

  public FileTokenStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.posix = this.dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  @Override
  public String describe() {
    return "file " + dir;
  }

  @Override
  public Optional<String> problem() {
    try {
      usableDir(false);
      return Optional.empty();
    } catch (TokenStoreException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    Path file = entry(key);
    if (!Files.exists(usableDir(false), LinkOption.NOFOLLOW_LINKS) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      // The attributes checked are those of the file just opened: nothing can swap it in between.
      if (posix) {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
          throw new TokenStoreException(describe() + ": entry " + file.getFileName() + " is not a regular file", null);
        }
      }
      if (ch.size() > MAX_ENTRY_BYTES) {
        throw new TokenStoreException(describe() + ": entry " + file.getFileName() + " is too large", null);
      }
      try (InputStream in = Channels.newInputStream(ch)) {
        return Optional.of(in.readNBytes(MAX_ENTRY_BYTES));
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("cannot read entry " + file.getFileName(), e);
    }
  }

  @Override
  public void write(String key, byte[] value, Instant expiresAt) {
    Path d = usableDir(true);
    Path target = entry(key);
    Path tmp = d.resolve(target.getFileName() + ".tmp-" + HexFormat.of().formatHex(randomBytes(8)));
    try {
      try (FileChannel ch = FileChannel.open(tmp, createNew(), fileMode())) {
        ByteBuffer b = ByteBuffer.wrap(value);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw failure("cannot write entry " + target.getFileName(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: a stray temporary file holds only a sealed entry
      }
    }
  }

  @Override
  public void delete(String key, byte[] expected) {
    Path file = entry(key);
    try {
      if (expected != null) {
        Optional<byte[]> now = read(key);
        if (now.isEmpty() || !Arrays.equals(now.get(), expected)) {
          return;
        }
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure("cannot remove entry " + file.getFileName(), e);
    }
  }

  @Override
  public Optional<Lock> lock(String key, Duration maxWait) throws InterruptedException {
    Path d = usableDir(true);
    Path lockFile = d.resolve(fileName(key) + LOCK_SUFFIX);
    long deadline = System.nanoTime() + maxWait.toNanos();
    Semaphore local = IN_PROCESS.computeIfAbsent(lockFile, p -> new Semaphore(1));
    if (!local.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    boolean handedOut = false;
    FileChannel ch = null;
    try {
      ch = FileChannel.open(lockFile, lockOptions(), fileMode());
      long pause = 5;
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null; // cannot happen behind the semaphore; treat as busy
        }
        if (l != null) {
          handedOut = true;
          return Optional.of(new HeldLock(ch, l, local));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        pause = Math.min(pause * 2, 100);
      }
    } catch (IOException e) {
      throw failure("cannot lock " + lockFile.getFileName(), e);
    } finally {
      if (!handedOut) {
        closeQuietly(ch);
        local.release();
      }
    }
  }

  @Override
  public Map<String, byte[]> entries() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Path d = usableDir(false);
    if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(d, "*" + SUFFIX)) {
      for (Path f : files) {
        String key = EntryKeys.PREFIX + f.getFileName().toString().replace(SUFFIX, "");
        if (EntryKeys.isEntryKey(key)) {
          read(key).ifPresent(v -> out.put(key, v));
        }
      }
    } catch (IOException e) {
      throw failure("cannot list the directory", e);
    }
    return out;
  }

  @Override
  public void close() {
    // Nothing is held between calls.
  }

  @Override
  public String toString() {
    return "FileTokenStore{" + dir + '}';
  }

  private Path entry(String key) {
    return dir.resolve(fileName(key) + SUFFIX);
  }

  /** {@code firefly-auth:v1:<hash>} is stored as {@code <hash>.token}. */
  private static String fileName(String key) {
    if (!EntryKeys.isEntryKey(key)) {
      throw new IllegalArgumentException("not an entry key");
    }
    return key.substring(EntryKeys.PREFIX.length());
  }

  /**
   * The directory, checked: it (or, when {@code create}, what it can be created as) must be a directory that
   * only its owner, the user running this process, can write.
   */
  private Path usableDir(boolean create) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(dir)) {
      if (!create) {
        checkParentIsUsable();
        return dir;
      }
      try {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, dirMode());
        if (posix) {
          Files.setPosixFilePermissions(dir, DIR_MODE); // the umask may have narrowed or widened it
        }
      } catch (FileAlreadyExistsException e) {
        // created concurrently, or a file is in the way: checked below
      } catch (IOException e) {
        throw failure("cannot create the directory", e);
      }
    }
    if (!Files.isDirectory(dir)) {
      throw new TokenStoreException(describe() + " is not a directory", null);
    }
    if (posix) {
      try {
        PosixFileAttributes a = Files.getFileAttributeView(dir, PosixFileAttributeView.class).readAttributes();
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new TokenStoreException(describe() + " is writable by " + (p.contains(PosixFilePermission.OTHERS_WRITE)
              ? "others" : "its group") + " (" + PosixFilePermissions.toString(p) + ") and is not used; run: chmod 700 "
              + dir, null);
        }
        String me = System.getProperty("user.name");
        if (me != null && !a.owner().getName().equals(me)) {
          throw new TokenStoreException(describe() + " is owned by " + a.owner().getName() + ", not by " + me
              + ", and is not used", null);
        }
      } catch (IOException e) {
        throw failure("cannot check the directory's permissions", e);
      }
    }
    return dir;
  }

  private void checkParentIsUsable() {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
        if (!Files.isDirectory(p)) {
          throw new TokenStoreException(describe() + " cannot be created: " + p + " is not a directory", null);
        }
        return;
      }
    }
  }

  private TokenStoreException failure(String what, IOException e) {
    String why = e instanceof AccessDeniedException ? "permission denied"
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new TokenStoreException(describe() + ": " + what + " (" + why + ")", e);
  }

  private Set<OpenOption> createNew() {
    return Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  private Set<OpenOption> lockOptions() {
    return Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  private FileAttribute<?>[] fileMode() {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
  }

  private FileAttribute<?>[] dirMode() {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_MODE)} : new FileAttribute<?>[0];
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing a lock file cannot fail in a way that matters
      }
    }
  }

  /** An OS lock plus the in-process semaphore; closing releases both. */
  private static final class HeldLock implements Lock {
    private final FileChannel channel;
    private final FileLock lock;
    private final Semaphore local;
    private boolean released;

    HeldLock(FileChannel channel, FileLock lock, Semaphore local) {
      this.channel = channel;
      this.lock = lock;
      this.local = local;
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      released = true;
      try {
        lock.release();
      } catch (IOException ignored) {
        // closing the channel below releases it too
      }
      closeQuietly(channel);
      local.release();
    }
  }
}

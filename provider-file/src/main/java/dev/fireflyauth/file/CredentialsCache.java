package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Remembers the credentials parsed from each file and profile together with the {@link FileState} they were
 * read at, so an unchanged file is not parsed again while a changed one is.
 *
 * <p>Why it exists: token providers ask for credentials on every refresh and after every rejection; a stat
 * is cheap, a parse (and a fresh error for a file that was fine) is not what they want. Thread-safe; two
 * concurrent misses may both parse, which is harmless.
 */
final class CredentialsCache {
  private static final class Entry {
    final FileState state;
    final ClientCredentials credentials;

    Entry(FileState state, ClientCredentials credentials) {
      this.state = state;
      this.credentials = credentials;
    }
  }

  private final ConcurrentMap<FileRequest, Entry> entries = new ConcurrentHashMap<>();

  /**
   * The cached credentials when {@code now} shows no change, else {@code read}'s result (then cached).
   *
   * @param bypass true to read regardless (after IMS rejected the cached credentials)
   */
  ClientCredentials get(FileRequest request, FileState now, boolean bypass, Supplier<ClientCredentials> read) {
    Entry cached = entries.get(request);
    if (!bypass && cached != null && now.sameAs(cached.state)) {
      return cached.credentials;
    }
    entries.remove(request);
    ClientCredentials fresh = read.get();
    entries.put(request, new Entry(now, fresh));
    return fresh;
  }

  void clear() {
    entries.clear();
  }
}

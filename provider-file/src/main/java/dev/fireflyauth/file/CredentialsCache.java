package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers the credentials parsed from each file and profile together with the {@link FileState} they were
 * read at and the permission problems found then, so an unchanged file is not read again while a changed one
 * is.
 *
 * <p>Why it exists: token providers ask for credentials on every refresh and after every rejection; a stat
 * is cheap, a parse (and a fresh error for a file that was fine) is not what they want. An entry is only kept
 * when what was read is what the state looked at (the same file, mode and owner), so a hit never serves
 * content from a file other than the one the state describes. Thread-safe; two concurrent misses may both
 * read, which is harmless.
 */
final class CredentialsCache {
  /** One remembered read. */
  record Entry(FileState state, ClientCredentials credentials, List<PermissionCheck.Problem> problems) {}

  private final ConcurrentMap<FileRequest, Entry> entries = new ConcurrentHashMap<>();

  /** The entry for {@code request} when {@code now} shows no change since it was read. */
  Optional<Entry> hit(FileRequest request, FileState now) {
    Entry cached = entries.get(request);
    return cached != null && now.sameAs(cached.state()) ? Optional.of(cached) : Optional.empty();
  }

  /** Remembers {@code loaded} when it was read from the files {@code state} looked at; else forgets. */
  void store(FileRequest request, FileState state, Formats.Loaded loaded) {
    if (state.looks().equals(loaded.looks())) {
      entries.put(request, new Entry(state, loaded.credentials(), loaded.problems()));
    } else {
      entries.remove(request);
    }
  }

  /** Forgets {@code request}: its file is broken or being rewritten. */
  void forget(FileRequest request) {
    entries.remove(request);
  }

  void clear() {
    entries.clear();
  }
}

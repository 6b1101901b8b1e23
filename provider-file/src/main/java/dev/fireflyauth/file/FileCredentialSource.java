package dev.fireflyauth.file;

import com.google.auto.service.AutoService;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Setting;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.SourceContext;
import java.util.Optional;

/**
 * Credentials from a file or a directory, the way deployments keep them: a JSON file (optionally with named
 * profiles), a dotenv / properties file, the project JSON Adobe Developer Console downloads, or a Kubernetes
 * secret volume with one file per key. The format is detected from the content.
 *
 * <p>Which path: the locator ({@code firefly:file:/etc/firefly/credentials.json?profile=prod}), else
 * {@code FIREFLY_CREDENTIALS_FILE} / {@code firefly.credentials.file}, else
 * {@code ~/.config/firefly/credentials.json} when it exists. Which profile: the locator's {@code profile},
 * else {@code FIREFLY_PROFILE} / {@code firefly.profile}, else {@code default}. A path the user named that
 * does not exist is broken, not absent: the chain stops rather than switch to another identity.
 *
 * <p>Each {@code load} looks at the file again (one stat) and re-reads only when it changed, so secret
 * rotation, including an atomic rename or a Kubernetes {@code ..data} swap, is picked up. A file that group
 * or others may read or write, or that another user owns, draws a warning, or is refused when
 * {@code FIREFLY_FILE_STRICT=true}; the check is made on the file that is read, not on a path that may point
 * elsewhere a moment later. {@link #writeBack} stores a rotated secret back into the file.
 */
@AutoService(CredentialSource.class)
public final class FileCredentialSource implements CredentialSource {
  static final String NAME = "file";

  private final CredentialsCache cache = new CredentialsCache();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public Optional<ClientCredentials> load(SourceContext context) {
    Optional<FileRequest> resolved = WhichFile.resolve(context, context::notConfigured);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    FileRequest request = resolved.get();
    FileState state = FileState.of(request);
    FileReading reading = new FileReading(request, strict(context), context);
    Optional<CredentialsCache.Entry> hit = context.bypassCaches() ? Optional.empty() : cache.hit(request, state);
    if (hit.isPresent()) {
      reading.replay(hit.get().problems());
      return Optional.of(hit.get().credentials());
    }
    cache.forget(request);
    Formats.Loaded loaded = Formats.read(state, reading);
    cache.store(request, state, loaded);
    return Optional.of(loaded.credentials());
  }

  /**
   * Where a rotated secret goes: the file (and profile, or Console credential) a load with the same context
   * reads. Empty when no file is configured; refused for a directory (a Kubernetes secret volume), a broken
   * file, or one that cannot be written.
   *
   * @throws dev.fireflyauth.CredentialSourceException naming the file and why it cannot take a write-back
   */
  @Override
  public Optional<SecretWriteBack> writeBack(SourceContext context) {
    Optional<FileRequest> resolved = WhichFile.resolve(context, reason -> {});
    return resolved.map(request -> FileWriteBack.open(request, strict(context), context, () -> cache.forget(request)));
  }

  private static boolean strict(SourceContext context) {
    return context.settings().flag(Setting.FILE_STRICT).orElse(false);
  }

  @Override
  public void close() {
    cache.clear();
  }

  @Override
  public String toString() {
    return "FileCredentialSource";
  }
}

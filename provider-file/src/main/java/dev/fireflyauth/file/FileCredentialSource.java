package dev.fireflyauth.file;

import com.google.auto.service.AutoService;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.Setting;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SourceContext;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
 * <p>Each {@code load} looks at the file again (one stat) and re-parses only when it changed, so secret
 * rotation, including an atomic rename or a Kubernetes {@code ..data} swap, is picked up. A file readable by
 * group or others draws a warning, or is refused when {@code FIREFLY_FILE_STRICT=true}.
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
    Optional<FileRequest> named = Requests.named(context);
    FileRequest request;
    if (named.isPresent()) {
      request = named.get();
    } else {
      Optional<FileRequest> atDefault = Requests.atDefault(context);
      if (atDefault.isEmpty()) {
        return context.notConfigured(Setting.CREDENTIALS_FILE.env() + " is not set and user.home is unknown");
      }
      if (!Files.exists(atDefault.get().path(), LinkOption.NOFOLLOW_LINKS)) {
        return context.notConfigured(atDefault.get().path() + " does not exist and "
            + Setting.CREDENTIALS_FILE.env() + " is not set");
      }
      request = atDefault.get();
    }
    FileState state = FileState.of(request);
    boolean strict = context.settings().flag(Setting.FILE_STRICT).orElse(false);
    for (Path file : state.files()) {
      PermissionCheck.check(request, file, strict, context);
    }
    return Optional.of(cache.get(request, state, context.refresh(), () -> Formats.read(request, state)));
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

package dev.fireflyauth.file;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes a rotated client secret back into the credentials file a load reads: JSON (the selected profile's
 * {@code client_secrets}), a Developer Console project file (the selected credential's
 * {@code client_secrets}), or a dotenv / properties file ({@code FIREFLY_SERVICES_CLIENT_SECRET} and
 * {@code FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS}). A directory (a Kubernetes secret volume) is refused:
 * Kubernetes owns those files.
 *
 * <p>Why it exists: after the I/O Management API adds a secret, its value is shown once and must land where
 * the deployment reads it. Each write reads the file afresh (checked as a load checks it), edits only the
 * secrets ({@link SecretsEdit}), reads its own result back to prove it holds what was asked, and replaces the
 * file atomically ({@link AtomicFile}). {@link #open} makes the same checks up front, so a file that cannot
 * take the secret is reported before a secret is added in Adobe. Write-backs in one JVM run one at a time.
 */
final class FileWriteBack implements SecretWriteBack {
  private static final Object LOCK = new Object();

  private final FileRequest request;
  private final boolean strict;
  private final SourceContext context;
  private final Runnable written;

  private FileWriteBack(FileRequest request, boolean strict, SourceContext context, Runnable written) {
    this.request = request;
    this.strict = strict;
    this.context = context;
    this.written = written;
  }

  /**
   * A write-back for {@code request}, after checking that its file can take one.
   *
   * @param written run after each successful write (the source forgets what it cached)
   * @throws CredentialSourceException when it cannot: a directory, a broken or read-only file
   */
  static FileWriteBack open(FileRequest request, boolean strict, SourceContext context, Runnable written) {
    FileWriteBack writeBack = new FileWriteBack(request, strict, context, written);
    writeBack.prepare();
    return writeBack;
  }

  @Override
  public String describe() {
    return request.describe();
  }

  @Override
  public void write(Secret newest, Secret previous) {
    Objects.requireNonNull(newest, "newest");
    update(current -> previous == null || previous.equals(newest) ? List.of(newest) : List.of(newest, previous));
  }

  @Override
  public void remove(Secret retired) {
    Objects.requireNonNull(retired, "retired");
    update(current -> {
      List<Secret> rest = new ArrayList<>(current);
      rest.remove(retired);
      if (rest.isEmpty()) {
        throw request.broken("the secret to remove is its only live secret, so it was left unchanged (a"
            + " credential needs a live secret: write the new one back first)");
      }
      return rest;
    });
  }

  private void update(UnaryOperator<List<Secret>> change) {
    synchronized (LOCK) {
      Prepared prepared = prepare();
      List<Secret> current = prepared.edit().secrets();
      List<Secret> wanted = List.copyOf(change.apply(current));
      if (wanted.equals(current)) {
        return;
      }
      String text = prepared.edit().withSecrets(wanted);
      if (!Formats.parse(text, request).secrets().equals(wanted)) {
        throw request.broken("cannot write back the new secret: the rewritten file would not read back as"
            + " intended, so it was left unchanged (please report this, with the file's layout but not its secrets)");
      }
      TextFile.Content content = prepared.content();
      AtomicFile.replace(request, content.real(), content.look(),
          ((content.byteOrderMark() ? "\uFEFF" : "") + text).getBytes(StandardCharsets.UTF_8));
      written.run();
    }
  }

  private record Prepared(TextFile.Content content, SecretsEdit edit) {}

  private Prepared prepare() {
    FileState state = FileState.of(request);
    if (state.isDirectory()) {
      throw request.broken("cannot write back a new secret to a directory of one file per key: "
          + (KubernetesLayout.isVolume(request.path()) ? "it is a Kubernetes secret volume, and Kubernetes"
              : "it is a mounted secret (Kubernetes, Docker), and whoever mounts it")
          + " rewrites these files; update the Kubernetes Secret object (or the secret it is mounted from)"
          + " with the new client_secret instead");
    }
    TextFile.Content content = TextFile.read(request.path(), "", new FileReading(request, strict, context));
    if (KubernetesLayout.mounted(request.path(), content.real())) {
      throw request.broken("cannot write back a new secret: the file is mounted from a Kubernetes secret volume,"
          + " and Kubernetes rewrites it; update the Kubernetes Secret object with the new secret instead");
    }
    SecretsEdit edit = SecretsEdit.of(content.text(), request);
    edit.secrets();
    AtomicFile.requireWritable(request, content.real(), content.look());
    return new Prepared(content, edit);
  }

  @Override
  public String toString() {
    return "FileWriteBack{" + request.describe() + '}';
  }
}

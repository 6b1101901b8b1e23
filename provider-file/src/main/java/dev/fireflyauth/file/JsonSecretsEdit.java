package dev.fireflyauth.file;

import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.CredentialFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live secrets of a JSON credentials file (with or without profiles) or of a Developer Console project
 * file: the selected object gets {@code "client_secrets": [newest, previous]} where its secret was, and a
 * single {@code client_secret} (or the {@code FIREFLY_SERVICES_*} spellings of one) is removed.
 *
 * <p>Why it exists: a rotation must change the one credential it rotates and nothing else: other profiles,
 * other credentials and every other field keep their values and their order. The document is written again by
 * {@link PrettyJson}, so its spacing may change, never its content.
 */
final class JsonSecretsEdit implements SecretsEdit {
  /** Every key a secret may be kept under; all are replaced by one {@code client_secrets}. */
  private static final Set<String> SECRET_KEYS = Set.of(CredentialFields.CLIENT_SECRETS,
      CredentialFields.CLIENT_SECRET, "FIREFLY_SERVICES_CLIENT_SECRET", CredentialFields.CLIENT_SECRET_PREVIOUS);

  private final FileRequest request;
  private final Map<String, Object> root;
  private final JsonCredentials.Selection selection;

  JsonSecretsEdit(String text, FileRequest request) {
    this.request = request;
    this.root = JsonCredentials.parse(text, request);
    this.selection = JsonCredentials.select(root, request);
  }

  @Override
  public List<Secret> secrets() {
    return request.credentials(selection.fields(), selection.profileUsed()).secrets();
  }

  @Override
  public String withSecrets(List<Secret> wanted) {
    List<String> values = new ArrayList<>();
    wanted.forEach(s -> values.add(s.reveal()));
    Map<String, Object> target = new LinkedHashMap<>();
    boolean placed = false;
    for (Map.Entry<String, Object> e : selection.target().entrySet()) {
      if (!SECRET_KEYS.contains(e.getKey())) {
        target.put(e.getKey(), e.getValue());
      } else if (!placed) {
        target.put(CredentialFields.CLIENT_SECRETS, values);
        placed = true;
      }
    }
    if (!placed) {
      target.put(CredentialFields.CLIENT_SECRETS, values);
    }
    return PrettyJson.write(replaced(root, selection.path(), 0, target));
  }

  /** A copy of {@code node} with the value at {@code path} (from {@code from}) replaced; order kept. */
  private static Object replaced(Object node, List<Object> path, int from, Object value) {
    if (from == path.size()) {
      return value;
    }
    Object step = path.get(from);
    if (node instanceof Map<?, ?> map && step instanceof String key) {
      Map<Object, Object> copy = new LinkedHashMap<>(map);
      copy.put(key, replaced(map.get(key), path, from + 1, value));
      return copy;
    }
    if (node instanceof List<?> list && step instanceof Integer index) {
      List<Object> copy = new ArrayList<>(list);
      copy.set(index, replaced(list.get(index), path, from + 1, value));
      return copy;
    }
    throw new IllegalStateException("the selection path does not match the document at step " + from);
  }
}

package dev.fireflyauth.file;

import dev.fireflyauth.Locator;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.spi.CredentialFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the project JSON that Adobe Developer Console downloads: the OAuth Server-to-Server credential sits
 * at {@code project.workspace.details.credentials[].oauth_server_to_server} ({@code client_id},
 * {@code client_secrets}, {@code scopes}) and the organisation at {@code project.org.ims_org_id}.
 *
 * <p>Why it exists: that download is what most users already have on disk; accepting it as is saves copying
 * secrets by hand. A project may hold several credentials: the profile then selects one by its {@code name}.
 * Messages list credentials by name and integration type, which are free text in the file: they are shown
 * only as cleaned, short strings ({@link Shown}), with every secret of the file redacted, and other values
 * only by their kind.
 */
final class ConsoleProject {
  static final String S2S = "oauth_server_to_server";
  private static final String PATH = "project.workspace.details.credentials";
  private static final List<String> CREDENTIALS_PATH = List.of("project", "workspace", "details", "credentials");

  private ConsoleProject() {}

  /** Whether {@code root} looks like a Developer Console project file. */
  static boolean matches(Map<String, Object> root) {
    return root.get("project") instanceof Map;
  }

  /** The OAuth Server-to-Server credential the request selects, with the project's org inherited. */
  static JsonCredentials.Selection select(Map<String, Object> root, FileRequest request) {
    Map<String, Object> project = JsonCredentials.asMap(root.get("project"));
    List<?> credentials = credentials(root, request);
    List<Secret> known = secretsIn(root);
    List<Integer> s2s = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (int i = 0; i < credentials.size(); i++) {
      if (!(credentials.get(i) instanceof Map<?, ?> c)) {
        continue;
      }
      if (c.get(S2S) instanceof Map) {
        s2s.add(i);
      } else {
        Object type = c.get("integration_type");
        types.add(type == null ? "unknown"
            : type instanceof String ? Shown.of(type, known)
            : "an integration_type that is " + CredentialFields.describeType(type));
      }
    }
    if (s2s.isEmpty()) {
      throw request.broken("this Developer Console project file has no OAuth Server-to-Server credential"
          + (types.isEmpty() ? "" : " (it has: " + String.join(", ", types) + ")")
          + "; add one in the Console and download the project again");
    }
    int chosen = choose(credentials, s2s, request, known);
    Map<String, Object> target = JsonCredentials.asMap(JsonCredentials.asMap(credentials.get(chosen)).get(S2S));
    Map<String, Object> fields = new LinkedHashMap<>(target);
    Object org = project.get("org") instanceof Map<?, ?> o ? o.get("ims_org_id") : null;
    if (org != null && !fields.containsKey(CredentialFields.ORG_ID)) {
      fields.put(CredentialFields.ORG_ID, org);
    }
    List<Object> path = new ArrayList<>(CREDENTIALS_PATH);
    path.add(chosen);
    path.add(S2S);
    return new JsonCredentials.Selection(path, target, fields, !request.defaultProfile());
  }

  private static List<?> credentials(Map<String, Object> root, FileRequest request) {
    Object node = root;
    for (String key : CREDENTIALS_PATH) {
      node = node instanceof Map<?, ?> m ? m.get(key) : null;
    }
    if (!(node instanceof List<?> list)) {
      throw request.broken("looks like a Developer Console project file but has no '" + PATH + "' list");
    }
    return list;
  }

  /** The index of the only credential, or of the one whose name is the requested profile. */
  private static int choose(List<?> credentials, List<Integer> s2s, FileRequest request, List<Secret> known) {
    List<String> names = new ArrayList<>();
    for (int i : s2s) {
      Object name = JsonCredentials.asMap(credentials.get(i)).get("name");
      if (name instanceof String s && s.equals(request.profile())) {
        return i;
      }
      names.add(name == null ? "an unnamed credential"
          : name instanceof String ? Shown.of(name, known)
          : "a credential whose name is " + CredentialFields.describeType(name));
    }
    if (request.defaultProfile() && s2s.size() == 1) {
      return s2s.get(0);
    }
    throw request.broken(request.defaultProfile()
        ? "the project has several OAuth Server-to-Server credentials (" + String.join(", ", names)
            + "); choose one by name with " + Setting.PROFILE.env() + " or the locator's ?profile="
        : "profile '" + request.shownProfile() + "' (" + request.profileFrom() + ") names no OAuth "
            + "Server-to-Server credential in this project; its credentials are: " + String.join(", ", names));
  }

  /** Every string kept under a secret-like key anywhere in the document, to be redacted from messages. */
  private static List<Secret> secretsIn(Object node) {
    List<Secret> out = new ArrayList<>();
    collect(node, false, out);
    return out;
  }

  private static void collect(Object node, boolean secret, List<Secret> out) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> collect(v, secret || Locator.looksSecret(String.valueOf(k)), out));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collect(v, secret, out));
    } else if (secret && node instanceof String s && !s.isBlank()) {
      out.add(Secret.of(s));
    }
  }
}

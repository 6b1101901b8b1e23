package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
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
 */
final class ConsoleProject {
  private static final String S2S = "oauth_server_to_server";
  private static final String PATH = "project.workspace.details.credentials";

  private ConsoleProject() {}

  /** Whether {@code root} looks like a Developer Console project file. */
  static boolean matches(Map<String, Object> root) {
    return root.get("project") instanceof Map;
  }

  static ClientCredentials read(Map<String, Object> root, FileRequest request) {
    Map<String, Object> project = JsonCredentials.asMap(root.get("project"));
    List<Map<String, Object>> credentials = credentials(project, request);
    List<Map<String, Object>> s2s = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (Map<String, Object> c : credentials) {
      if (c.get(S2S) instanceof Map) {
        s2s.add(c);
      } else {
        types.add(String.valueOf(c.getOrDefault("integration_type", "unknown")));
      }
    }
    if (s2s.isEmpty()) {
      throw request.broken("this Developer Console project file has no OAuth Server-to-Server credential"
          + (types.isEmpty() ? "" : " (it has: " + String.join(", ", types) + ")")
          + "; add one in the Console and download the project again");
    }
    Map<String, Object> chosen = choose(s2s, request);
    Map<String, Object> fields = new LinkedHashMap<>(JsonCredentials.asMap(chosen.get(S2S)));
    Object org = project.get("org") instanceof Map ? JsonCredentials.asMap(project.get("org")).get("ims_org_id") : null;
    if (org != null && !fields.containsKey(CredentialFields.ORG_ID)) {
      fields.put(CredentialFields.ORG_ID, org);
    }
    return request.credentials(fields, !request.defaultProfile());
  }

  private static List<Map<String, Object>> credentials(Map<String, Object> project, FileRequest request) {
    Object node = project;
    for (String key : List.of("workspace", "details", "credentials")) {
      node = node instanceof Map ? JsonCredentials.asMap(node).get(key) : null;
    }
    if (!(node instanceof List)) {
      throw request.broken("looks like a Developer Console project file but has no '" + PATH + "' list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<?>) node) {
      if (o instanceof Map) {
        out.add(JsonCredentials.asMap(o));
      }
    }
    return out;
  }

  /** The only credential, or the one whose name is the requested profile. */
  private static Map<String, Object> choose(List<Map<String, Object>> s2s, FileRequest request) {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> c : s2s) {
      String name = String.valueOf(c.get("name"));
      if (name.equals(request.profile())) {
        return c;
      }
      names.add(name);
    }
    if (request.defaultProfile() && s2s.size() == 1) {
      return s2s.get(0);
    }
    throw request.broken(request.defaultProfile()
        ? "the project has several OAuth Server-to-Server credentials (" + String.join(", ", names)
            + "); choose one by name with " + Setting.PROFILE.env() + " or the locator's ?profile="
        : "profile '" + request.profile() + "' (" + request.profileFrom() + ") names no OAuth Server-to-Server "
            + "credential in this project; its credentials are: " + String.join(", ", names));
  }
}

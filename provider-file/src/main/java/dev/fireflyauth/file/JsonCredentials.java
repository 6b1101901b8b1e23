package dev.fireflyauth.file;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON formats: plain {@code {"client_id", "client_secret" | "client_secrets", "scopes", "org_id"}},
 * the same with named {@code "profiles"}, and (handed on to {@link ConsoleProject}) the project file Adobe
 * Developer Console downloads.
 *
 * <p>Why it exists: JSON is the format people write by hand, so its errors must point at a line and column,
 * in the one wording of {@link JsonProblem#describe} and without quoting the input (which holds the secret).
 * Parsing is {@link StrictJson}'s: a duplicated key or text after the document is an error, not a guess. The
 * same {@link Selection} tells a load which object to read and a write-back which object to rewrite.
 */
final class JsonCredentials {
  static final String PROFILES = "profiles";

  private JsonCredentials() {}

  /**
   * Where in a document the selected credentials sit.
   *
   * @param path keys and list indexes from the root to the object holding the secrets
   * @param target that object
   * @param fields what is mapped to credentials: {@code target}, plus fields it inherits (the Console's org)
   * @param profileUsed whether the document chose between several credentials (then the origin names it)
   */
  record Selection(List<Object> path, Map<String, Object> target, Map<String, Object> fields, boolean profileUsed) {}

  static ClientCredentials read(String text, FileRequest request) {
    Selection s = select(parse(text, request), request);
    return request.credentials(s.fields(), s.profileUsed());
  }

  /** The parsed document, which must be an object. */
  static Map<String, Object> parse(String text, FileRequest request) {
    Object root;
    try {
      root = StrictJson.parse(text);
    } catch (JsonProblem p) {
      throw request.notJson(p);
    }
    if (!(root instanceof Map)) {
      throw request.broken("must hold a JSON object {...}, found " + CredentialFields.describeType(root));
    }
    return asMap(root);
  }

  /** The object the request selects in {@code root}: the Console credential, the profile, or the root. */
  static Selection select(Map<String, Object> root, FileRequest request) {
    if (ConsoleProject.matches(root)) {
      return ConsoleProject.select(root, request);
    }
    if (root.containsKey(PROFILES)) {
      return fromProfiles(root.get(PROFILES), request);
    }
    request.requireDefaultProfile("a JSON file without a \"" + PROFILES + "\" object");
    return new Selection(List.of(), root, root, false);
  }

  private static Selection fromProfiles(Object profiles, FileRequest request) {
    if (!(profiles instanceof Map)) {
      throw request.broken("\"" + PROFILES + "\" must be an object of named profiles, found "
          + CredentialFields.describeType(profiles));
    }
    Map<String, Object> byName = asMap(profiles);
    Object selected = byName.get(request.profile());
    if (selected == null) {
      List<String> names = new ArrayList<>();
      byName.keySet().forEach(n -> names.add(Shown.name(n)));
      throw request.broken("profile '" + request.shownProfile() + "' (" + request.profileFrom() + ") is not in the"
          + " file; " + (names.isEmpty() ? "it has no profiles" : "its profiles are: " + String.join(", ", names)));
    }
    if (!(selected instanceof Map)) {
      throw request.broken("profile '" + request.shownProfile() + "' must be a JSON object, found "
          + CredentialFields.describeType(selected));
    }
    return new Selection(List.of(PROFILES, request.profile()), asMap(selected), asMap(selected), true);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}

package dev.fireflyauth.file;

import dev.fireflyauth.Secret;
import java.util.List;

/**
 * One credentials file's text, seen as "the live secrets of the selected credentials", so a write-back can
 * ask for the same text holding other secrets.
 *
 * <p>Why it exists: each format keeps two secrets its own way (a JSON {@code client_secrets} array, a dotenv
 * {@code FIREFLY_SERVICES_CLIENT_SECRET_PREVIOUS} line) and must leave everything else as it was; the
 * write-back itself (locking, checking, the atomic replace) is the same for all of them.
 */
interface SecretsEdit {

  /** The file's format chosen the way a load chooses it; the text is parsed and the credentials selected now. */
  static SecretsEdit of(String text, FileRequest request) {
    if (text.isBlank()) {
      throw request.broken("is empty");
    }
    return Formats.isJson(text, request) ? new JsonSecretsEdit(text, request) : new DotenvSecretsEdit(text, request);
  }

  /** The live secrets now, newest first, as a load reads them. */
  List<Secret> secrets();

  /**
   * The file's text holding exactly {@code wanted} (newest first) as the live secrets, all else unchanged.
   *
   * @throws dev.fireflyauth.CredentialSourceException when the format cannot hold them
   */
  String withSecrets(List<Secret> wanted);
}

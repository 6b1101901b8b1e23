package dev.fireflyauth.spi;

import dev.fireflyauth.Secret;

/**
 * Stores a new client secret where the credentials were read from, keeping the previous one as the second
 * live secret: the write-back step of a secret rotation ({@code firefly-auth secrets rotate}).
 *
 * <p>Why it exists: after the I/O Management API adds a secret, the new value is returned exactly once; it
 * must land in the file or secret store the deployment reads, next to the old one (Adobe keeps both live until
 * the old one is deleted), without disturbing anything else kept there. Obtained from
 * {@link CredentialSource#writeBack(SourceContext)}; each source decides how its format holds two secrets.
 */
public interface SecretWriteBack {

  /** Where the secret is written, for messages: {@code file /etc/firefly/credentials.json [profile prod]}. */
  String describe();

  /**
   * Makes {@code newest} the first live secret and keeps {@code previous} (the secret in use until now) as the
   * second; any older secret is dropped. Atomic: on failure the store is left as it was.
   *
   * @throws dev.fireflyauth.CredentialSourceException when the store cannot be written (read-only file,
   *     access denied), naming it; never quoting a secret
   */
  void write(Secret newest, Secret previous);

  /**
   * Removes {@code retired} from the live secrets (after it was deleted in Adobe), keeping the others.
   *
   * @throws dev.fireflyauth.CredentialSourceException when the store cannot be written
   */
  void remove(Secret retired);
}

package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.SecretWriteBack;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stores a rotated client secret in the Secrets Manager secret the credentials were read from: reads the
 * current version, changes the client secrets only, and puts the result as a new version, which AWS stages
 * {@code AWSCURRENT} (the version it replaces becomes {@code AWSPREVIOUS}).
 *
 * <p>Why it exists: after the I/O Management API adds a secret, the deployment must find it where it reads
 * its credentials, next to the previous one, with nothing else in the secret disturbed. A put is atomic: on
 * failure the secret keeps its current version. Needs {@code secretsmanager:GetSecretValue} and
 * {@code secretsmanager:PutSecretValue} on the secret. Two writers racing may lose one write (Secrets Manager
 * has no compare-and-set); rotation runs one at a time.
 */
final class AwsSecretWriteBack implements SecretWriteBack {
  private final OpenClient connection;
  private final SecretLocation location;
  private final Runnable written;

  /** @param written run after every successful put (forgets cached credentials) */
  AwsSecretWriteBack(OpenClient connection, SecretLocation location, Runnable written) {
    this.connection = connection;
    this.location = location;
    this.written = written;
  }

  @Override
  public String describe() {
    return AwsSecretsCredentialSource.NAME + " " + location.describe(connection.region());
  }

  @Override
  public void write(Secret newest, Secret previous) {
    Objects.requireNonNull(newest, "newest");
    Set<Secret> live = new LinkedHashSet<>();
    live.add(newest);
    if (previous != null) {
      live.add(previous);
    }
    SecretValue current = SecretsManagerCalls.get(connection, location, live);
    put(current, List.copyOf(live), secretsOf(current));
  }

  @Override
  public void remove(Secret retired) {
    Objects.requireNonNull(retired, "retired");
    SecretValue current = SecretsManagerCalls.get(connection, location, List.of(retired));
    List<Secret> before = secretsOf(current);
    List<Secret> remaining = new ArrayList<>(before);
    remaining.remove(retired);
    if (remaining.size() == before.size()) {
      return; // not there: nothing to write
    }
    if (remaining.isEmpty()) {
      throw new CredentialSourceException(AwsSecretsCredentialSource.NAME, "will not remove the only client"
          + " secret of " + describe() + ": write the new secret first");
    }
    put(current, remaining, before);
  }

  private List<Secret> secretsOf(SecretValue value) {
    String where = "secret " + location.describe(connection.region());
    return location.fields().toCredentials(value.fields(), AwsSecretsCredentialSource.NAME, where, where).secrets();
  }

  private void put(SecretValue current, List<Secret> live, List<Secret> before) {
    String json = SecretJson.withSecrets(current.fields(), location.secretField(), live);
    Set<Secret> known = new LinkedHashSet<>(live);
    known.addAll(before);
    SecretsManagerCalls.put(connection, location, json, current.binary(), known);
    written.run();
  }

  @Override
  public String toString() {
    return "AwsSecretWriteBack{" + describe() + '}';
  }
}

package dev.fireflyauth.process;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.spi.CredentialFields;
import dev.fireflyauth.spi.support.JsonProblem;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.spi.support.Utf8;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a finished command left into credentials: exit code 0 and one JSON object on stdout with the keys
 * of the credentials file ({@code client_id}, {@code client_secret} or {@code client_secrets}, {@code scopes},
 * {@code org_id}) and optionally {@code expires_at}, an ISO-8601 time until which the answer may be reused.
 *
 * <p>Why it exists: the output holds the secret, so no message built here ever quotes it. Syntax errors use
 * the one wording of {@link JsonProblem#describe}, fields are mapped by {@link CredentialFields} like in every
 * other source, and a failed command is reported by its exit code and the cleaned last line of its stderr,
 * never by what it printed on stdout.
 */
final class ProcessOutput {
  /** Until when the answer may be reused; absent: run the command on every load. */
  static final String EXPIRES_AT = "expires_at";

  private static final String NAME = ProcessCredentialSource.NAME;
  private static final List<String> SECRET_KEYS = List.of(
      CredentialFields.CLIENT_SECRET, CredentialFields.CLIENT_SECRETS, "FIREFLY_SERVICES_CLIENT_SECRET",
      CredentialFields.CLIENT_SECRET_PREVIOUS);
  private static final int MAX_GUESSED_SECRETS = 32;
  private static final int MIN_GUESSED_LENGTH = 8;

  private ProcessOutput() {}

  /** The credentials a command printed, and until when they may be reused. */
  record Answer(ClientCredentials credentials, Optional<Instant> expiresAt) {}

  /**
   * Reads the answer of a finished run.
   *
   * @throws CredentialSourceException when the command failed or its output is not usable credentials JSON
   */
  static Answer read(ProcessRequest request, ProcessRunner.Finished run) {
    if (run.exitCode() != 0) {
      String line = StderrLine.of(run.stderr(), secretsIn(run.stdout()));
      throw broken(request.describe() + " exited with code " + run.exitCode()
          + (line.isEmpty() ? " and wrote nothing to stderr" : ": " + line));
    }
    String text = Utf8.decode(run.stdout()).orElseThrow(
        () -> broken(request.output() + " is not UTF-8 text" + stderrHint(run) + expected()));
    Object root;
    try {
      root = StrictJson.parse(text);
    } catch (JsonProblem p) {
      throw broken(p.describe(request.output()) + stderrHint(run) + expected());
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw broken(request.output() + " must be a JSON object, found " + CredentialFields.describeType(root)
          + stderrHint(run) + expected());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) map;
    Optional<Instant> expiresAt = expiresAt(fields, request);
    ClientCredentials credentials =
        CredentialFields.standard().toCredentials(fields, NAME, request.output(), request.origin());
    return new Answer(credentials, expiresAt);
  }

  private static Optional<Instant> expiresAt(Map<String, Object> fields, ProcessRequest request) {
    Object v = fields.get(EXPIRES_AT);
    if (v == null) {
      return Optional.empty();
    }
    String problem = request.output() + ": '" + EXPIRES_AT + "' must be an ISO-8601 time with a zone or offset,"
        + " e.g. 2026-12-01T10:00:00Z";
    if (!(v instanceof String s)) {
      throw broken(problem + ", found " + CredentialFields.describeType(v));
    }
    try {
      return Optional.of(OffsetDateTime.parse(s.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw broken(problem); // not quoted: all of stdout is treated as secret
    }
  }

  /**
   * The secrets in a command's stdout, to be masked in its stderr: the secret fields when stdout is a JSON
   * object, else (a command that printed a bare secret and then failed) every longer word of it.
   */
  static List<Secret> secretsIn(byte[] stdout) {
    String text = new String(stdout, StandardCharsets.UTF_8);
    Set<String> found = new LinkedHashSet<>();
    Object root;
    try {
      root = StrictJson.parse(text);
    } catch (JsonProblem e) {
      root = null;
    }
    if (root instanceof Map<?, ?> map) {
      for (String key : SECRET_KEYS) {
        Object v = map.get(key);
        if (v instanceof String s) {
          found.add(s.trim());
        } else if (v instanceof List<?> list) {
          list.stream().filter(String.class::isInstance).map(o -> ((String) o).trim()).forEach(found::add);
        }
      }
    } else {
      for (String word : text.split("[\\s\"'`,:;=(){}\\[\\]<>]+")) {
        if (word.length() >= MIN_GUESSED_LENGTH && found.size() < MAX_GUESSED_SECRETS) {
          found.add(word);
        }
      }
    }
    List<Secret> secrets = new ArrayList<>();
    found.stream().filter(s -> !s.isBlank()).map(Secret::of).forEach(secrets::add);
    return secrets;
  }

  private static String stderrHint(ProcessRunner.Finished run) {
    String line = StderrLine.of(run.stderr(), secretsIn(run.stdout()));
    return line.isEmpty() ? "" : "; its stderr ended with: " + line;
  }

  private static String expected() {
    return "; expected {\"client_id\": \"…\", \"client_secret\": \"…\"} on stdout";
  }

  private static CredentialSourceException broken(String message) {
    return new CredentialSourceException(NAME, message);
  }
}

package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Secret;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.support.PeerText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.EncryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Turns what the SDK throws for {@code GetSecretValue} and {@code PutSecretValue} into this library's typed
 * errors, each naming the secret and region and saying what to fix.
 *
 * <p>Why it exists: the SDK reports a missing secret, a missing IAM permission, refused AWS credentials and a
 * network fault with a handful of overlapping exception types and error codes; callers need to know only
 * "fix something" ({@link CredentialSourceException}) or "try later" ({@link TransientException}). AWS's error
 * texts and the SDK's reasons are peer text: an endpoint (or a proxy) may echo our signed request, so they go
 * through {@link PeerText#clean} with every secret we know (client secrets, the AWS secret access key and
 * session token), and a SigV4 {@code Signature=} is cut as well. Messages name at most the access key ID.
 */
final class AwsErrors {
  /** What we asked Secrets Manager to do: names the IAM action a refusal is about. */
  enum Operation {
    READ("secretsmanager:GetSecretValue", "reading", "read"),
    WRITE("secretsmanager:PutSecretValue", "writing", "write");

    final String action;
    final String verb;
    final String infinitive;

    Operation(String action, String verb, String infinitive) {
      this.action = action;
      this.verb = verb;
      this.infinitive = infinitive;
    }
  }

  /** Error codes meaning AWS did not accept our AWS credentials (as opposed to our permissions). */
  private static final Set<String> REFUSED_CREDENTIALS = Set.of(
      "UnrecognizedClientException",
      "InvalidSignatureException",
      "ExpiredTokenException",
      "ExpiredToken",
      "InvalidClientTokenId",
      "IncompleteSignature",
      "SignatureDoesNotMatch");

  /** How SDK 2.20 states the attempt count in its exception messages. */
  private static final Pattern ATTEMPT_COUNT = Pattern.compile("SDK Attempt Count: (\\d+)");

  private static final String NAME = AwsSecretsCredentialSource.NAME;
  private static final int MAX_SUMMARY = 500;

  private AwsErrors() {}

  /**
   * @param known secrets of this call that an echo must not reveal (the client secrets being written)
   */
  static FireflyAuthException translate(
      SdkException e, OpenClient c, SecretLocation location, Operation op, Collection<Secret> known) {
    List<Secret> secrets = new ArrayList<>(known);
    secrets.addAll(c.identity().secrets());
    String secret = "secret " + location.describe(c.region());
    if (e instanceof SdkServiceException s) {
      return service(s, c, location, op, secret, secrets);
    }
    if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("unable to load credentials")) {
      return new CredentialSourceException(NAME, "no AWS credentials to " + op.infinitive + " " + secret
          + ": configure the AWS SDK's default credentials chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
          + "a profile in ~/.aws, or an IAM role) (AWS SDK: " + summary(e, secrets) + ")");
    }
    if (isTimeout(e)) {
      return new TransientException("no complete answer from AWS Secrets Manager at " + c.endpointText() + " "
          + op.verb + " " + secret + attempts(e) + " within the timeouts (" + location.timeouts().describe()
          + "): " + summary(e, secrets), CleanedCause.of(e, secrets));
    }
    String what = isNetwork(e) ? "cannot reach AWS Secrets Manager at " : "AWS SDK call failed at ";
    return new TransientException(
        what + c.endpointText() + " " + op.verb + " " + secret + attempts(e) + ": " + summary(e, secrets),
        CleanedCause.of(e, secrets));
  }

  private static FireflyAuthException service(SdkServiceException e, OpenClient c, SecretLocation location,
      Operation op, String secret, List<Secret> secrets) {
    String code = errorCode(e);
    String aws = " (AWS: " + clean(code + ": " + awsMessage(e), secrets, PeerText.DEFAULT_MAX_LENGTH) + ")";
    String identity = "the AWS identity (access key ID " + c.identity().accessKeyId() + ")";
    if (e instanceof ResourceNotFoundException) {
      return new CredentialSourceException(NAME, secret + " not found in " + c.region()
          + ": check the secret name or ARN, the region and the stage or version" + aws);
    }
    if (e instanceof DecryptionFailureException) {
      return new CredentialSourceException(NAME, "AWS could not decrypt " + secret + " with its KMS key: "
          + identity + " needs kms:Decrypt on that key" + aws);
    }
    if (e instanceof EncryptionFailureException) {
      return new CredentialSourceException(NAME, "AWS could not encrypt the new version of " + secret
          + " with its KMS key: " + identity + " needs kms:GenerateDataKey and kms:Decrypt on that key" + aws);
    }
    if (REFUSED_CREDENTIALS.contains(code)) {
      return new CredentialSourceException(NAME, "AWS refused the AWS credentials with access key ID "
          + c.identity().accessKeyId() + " " + op.verb + " " + secret
          + ": check the access key, its secret key and session token, and the system clock" + aws);
    }
    if (code.equals("AccessDeniedException") || e.statusCode() == 403) {
      return new CredentialSourceException(NAME, "access denied " + op.verb + " " + secret + ": " + identity
          + " needs IAM permission " + op.action + " on " + location.secretId() + aws);
    }
    if (e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() >= 500) {
      return new TransientException("AWS Secrets Manager at " + c.endpointText() + " is unavailable " + op.verb
          + " " + secret + attempts(e) + aws, CleanedCause.of(e, secrets));
    }
    return new CredentialSourceException(NAME, "AWS Secrets Manager refused " + op.action + " for " + secret + aws);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
          || t instanceof java.net.http.HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** {@code after 3 attempts}; SDK 2.20 has no {@code numAttempts()}, but says the count in its message. */
  private static String attempts(SdkException e) {
    Integer n;
    try {
      n = e.numAttempts();
    } catch (NoSuchMethodError old) {
      Matcher m = ATTEMPT_COUNT.matcher(String.valueOf(e.getMessage()));
      n = m.find() ? Integer.valueOf(m.group(1)) : null;
    }
    return n == null || n < 2 ? "" : " after " + n + " attempts";
  }

  private static String errorCode(SdkServiceException e) {
    AwsErrorDetails d = details(e);
    return d != null && d.errorCode() != null ? d.errorCode() : "HTTP " + e.statusCode();
  }

  private static String awsMessage(SdkServiceException e) {
    AwsErrorDetails d = details(e);
    return d != null && d.errorMessage() != null ? d.errorMessage() : "status " + e.statusCode();
  }

  private static AwsErrorDetails details(SdkServiceException e) {
    return e instanceof AwsServiceException a ? a.awsErrorDetails() : null;
  }

  /**
   * The SDK's reason, cleaned and shortened: a failed provider chain keeps its per-provider reasons but not
   * its own description, providers are named by simple class name; at most {@value #MAX_SUMMARY} characters.
   */
  static String summary(SdkException e, Collection<Secret> known) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceFirst("(in the chain) \\S+@[0-9a-f]+:", "$1:")
        .replaceFirst("(?s)(in the chain) [^:]*? ?: \\[", "$1: [")
        .replaceAll("(?:[a-z0-9_]+\\.)+([A-Z]\\w*)@[0-9a-f]+", "$1")
        .replaceAll("\\s*\\(SDK Attempt Count: \\d+\\)", "");
    return clean(m, known, MAX_SUMMARY);
  }

  /** Peer text as messages may show it ({@link PeerText#clean} also cuts a SigV4 {@code Signature=}). */
  static String clean(String text, Collection<Secret> known, int max) {
    return PeerText.clean(String.valueOf(text), known, max);
  }
}

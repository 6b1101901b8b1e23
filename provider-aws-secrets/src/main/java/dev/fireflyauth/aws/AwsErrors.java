package dev.fireflyauth.aws;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.TransientException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Turns what the SDK throws for {@code GetSecretValue} into this library's typed errors, each naming the
 * secret and region and saying what to fix.
 *
 * <p>Why it exists: the SDK reports a missing secret, a missing IAM permission, refused AWS credentials and a
 * network fault with a handful of overlapping exception types and error codes; callers need to know only
 * "fix something" ({@link CredentialSourceException}) or "try later" ({@link TransientException}). Messages
 * carry AWS's own error text (which never holds the secret value) and at most the access key ID.
 */
final class AwsErrors {
  static final String ACTION = "secretsmanager:GetSecretValue";

  /** Error codes meaning AWS did not accept our AWS credentials (as opposed to our permissions). */
  private static final Set<String> REFUSED_CREDENTIALS = Set.of(
      "UnrecognizedClientException",
      "InvalidSignatureException",
      "ExpiredTokenException",
      "ExpiredToken",
      "InvalidClientTokenId",
      "IncompleteSignature",
      "SignatureDoesNotMatch");

  private static final String NAME = AwsSecretsCredentialSource.NAME;
  private static final int MAX_SUMMARY = 500;

  private AwsErrors() {}

  static FireflyAuthException translate(SdkException e, Connection c, SecretLocation location) {
    String secret = "secret " + location.describe(c.region());
    if (e instanceof SdkServiceException) {
      return service((SdkServiceException) e, c, location, secret);
    }
    if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("unable to load credentials")) {
      return new CredentialSourceException(NAME, "no AWS credentials to read " + secret
          + ": configure the AWS SDK's default credentials chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
          + "a profile in ~/.aws, or an IAM role) (AWS SDK: " + summary(e) + ")");
    }
    String what = isNetwork(e) ? "cannot reach AWS Secrets Manager at " : "AWS SDK call failed at ";
    return new TransientException(
        what + c.endpointText() + " reading " + secret + attempts(e) + ": " + summary(e), e);
  }

  private static FireflyAuthException service(
      SdkServiceException e, Connection c, SecretLocation location, String secret) {
    String code = errorCode(e);
    String aws = " (AWS: " + code + ": " + awsMessage(e) + ")";
    if (e instanceof ResourceNotFoundException) {
      return new CredentialSourceException(NAME, secret + " not found in " + c.region()
          + ": check the secret name or ARN, the region and the stage or version" + aws);
    }
    if (e instanceof DecryptionFailureException) {
      return new CredentialSourceException(NAME, "AWS could not decrypt " + secret + " with its KMS key: the "
          + "AWS identity (access key ID " + c.accessKeyId() + ") needs kms:Decrypt on that key" + aws);
    }
    if (REFUSED_CREDENTIALS.contains(code)) {
      return new CredentialSourceException(NAME, "AWS refused the AWS credentials with access key ID "
          + c.accessKeyId() + " reading " + secret + ": check the access key, its secret key and session token, "
          + "and the system clock" + aws);
    }
    if (code.equals("AccessDeniedException") || e.statusCode() == 403) {
      return new CredentialSourceException(NAME, "access denied to " + secret + ": the AWS identity (access key ID "
          + c.accessKeyId() + ") needs IAM permission " + ACTION + " on " + location.secretId() + aws);
    }
    if (e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() >= 500) {
      return new TransientException("AWS Secrets Manager at " + c.endpointText() + " is unavailable reading "
          + secret + attempts(e) + aws, e);
    }
    return new CredentialSourceException(NAME, "AWS Secrets Manager refused " + ACTION + " for " + secret + aws);
  }

  private static boolean isNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof ApiCallTimeoutException
          || t instanceof ApiCallAttemptTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String attempts(SdkException e) {
    Integer n = e.numAttempts();
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
    return e instanceof AwsServiceException ? ((AwsServiceException) e).awsErrorDetails() : null;
  }

  /**
   * The SDK's reason, shortened: a failed provider chain keeps its per-provider reasons but not its own
   * description, providers are named by simple class name; at most {@value #MAX_SUMMARY} characters.
   */
  static String summary(SdkException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceFirst("(in the chain) \\S+@[0-9a-f]+:", "$1:")
        .replaceFirst("(?s)(in the chain) [^:]*? ?: \\[", "$1: [")
        .replaceAll("(?:[a-z0-9_]+\\.)+([A-Z]\\w*)@[0-9a-f]+", "$1")
        .trim();
    return m.length() <= MAX_SUMMARY ? m : m.substring(0, MAX_SUMMARY) + "…";
  }
}

package dev.fireflyauth.spi.support;

import dev.fireflyauth.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text that came from a peer (an IMS {@code error_description}, an {@code x-debug-id}, a
 * {@code Location} header, an AWS error message, a process's stderr) safe to put into an exception message or
 * a log line.
 *
 * <p>Why it exists: a peer is untrusted. A misbehaving endpoint or proxy may echo our request back, so its
 * text can hold the client secret (raw, form-encoded or JSON-escaped), a token, or a signed
 * {@code Authorization} header; it can also hold line breaks that would forge extra log or stderr lines, or
 * be megabytes long. {@link #clean} removes the known secrets in every encoding, redacts anything shaped like
 * a credential, replaces control characters with spaces and caps the length. Thread-safe, stateless.
 */
public final class PeerText {
  /** The length peer text is cut to unless a caller says otherwise. */
  public static final int DEFAULT_MAX_LENGTH = 300;

  static final String REDACTED = "[redacted]";

  /** {@code name=value} / {@code "name":"value"} pairs whose value is a credential. */
  private static final Pattern NAMED =
      Pattern.compile(
          "(?i)(\"?(?:client[_-]?secrets?|access[_-]?token|refresh[_-]?token|id[_-]?token|secret[_-]?access[_-]?key"
              + "|aws[_-]?secret[_-]?access[_-]?key|x-amz-security-token|password|passwd|secret|token|api[_-]?secret)"
              + "\"?\\s*[=:]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s&,;\"'}]+)");
  /** {@code Authorization: …} and the schemes it carries. */
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)(authorization\"?\\s*[=:]\\s*\"?)[^\"\\r\\n]*");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern SIGV4 = Pattern.compile("AWS4-HMAC-SHA256\\s+[^\"\\r\\n]*");
  /** A bare SigV4 signature, as in a presigned URL or an echoed header fragment. */
  private static final Pattern SIGNATURE =
      Pattern.compile("(?i)((?:x-amz-)?signature\\s*[=:]\\s*)[^\\s,;&\"']+");
  /** Long opaque runs (JWTs, base64 tokens) are not worth showing and may be a token we do not know. */
  private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_~+/=.-]{120,}");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");
  private static final Pattern SPACES = Pattern.compile(" {2,}");

  private PeerText() {}

  /**
   * {@code text} with {@code known} secrets and anything credential-shaped redacted, control characters
   * turned into spaces and at most {@link #DEFAULT_MAX_LENGTH} characters; empty for null.
   */
  public static String clean(String text, Collection<Secret> known) {
    return clean(text, known, DEFAULT_MAX_LENGTH);
  }

  /** Like {@link #clean(String, Collection)} with another length cap. */
  public static String clean(String text, Collection<Secret> known, int maxLength) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = text;
    for (String variant : variants(known)) {
      s = Pattern.compile(Pattern.quote(variant), Pattern.CASE_INSENSITIVE)
          .matcher(s)
          .replaceAll(Matcher.quoteReplacement(REDACTED));
    }
    s = AUTHORIZATION.matcher(s).replaceAll("$1" + REDACTED);
    s = SIGV4.matcher(s).replaceAll(REDACTED);
    s = SIGNATURE.matcher(s).replaceAll("$1" + REDACTED);
    s = BEARER.matcher(s).replaceAll("$1 " + REDACTED);
    s = NAMED.matcher(s).replaceAll("$1" + REDACTED);
    s = OPAQUE.matcher(s).replaceAll(REDACTED);
    s = CONTROL.matcher(s).replaceAll(" ");
    s = SPACES.matcher(s).replaceAll(" ").strip();
    return cap(s, maxLength);
  }

  /** Cuts {@code s} to {@code max} characters (never inside a surrogate pair), marking the cut with "…". */
  static String cap(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Math.max(0, max - 1);
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }

  /** Every spelling a secret may take in an echoed request: raw, form- and percent-encoded, JSON-escaped. */
  private static List<String> variants(Collection<Secret> known) {
    Set<String> out = new LinkedHashSet<>();
    for (Secret secret : known) {
      String raw = secret.reveal();
      if (raw.length() < 4) {
        continue; // redacting "ab" everywhere would garble the message and protect nothing
      }
      out.add(raw);
      String form = URLEncoder.encode(raw, StandardCharsets.UTF_8);
      out.add(form);
      out.add(form.replace("+", "%20"));
      out.add(json(raw));
    }
    List<String> sorted = new ArrayList<>(out);
    sorted.sort((a, b) -> b.length() - a.length()); // longest first, so a prefix cannot leave a tail behind
    return sorted;
  }

  private static String json(String raw) {
    StringBuilder sb = new StringBuilder();
    for (char c : raw.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '/' -> sb.append("\\/");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}

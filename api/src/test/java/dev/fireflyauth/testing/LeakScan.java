package dev.fireflyauth.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Fails any test after which a value declared {@link #sensitive} (a client secret, a token a stub issues, a
 * password) shows up in what the library logged (at every level, through {@code System.Logger}) or in an
 * exception message or {@code toString()} the test {@linkplain #record recorded} — raw, URL-encoded or
 * JSON-escaped. The failure never prints the value it found, only which one and where.
 *
 * <p>Registered for every test class of every module that has api's test jar on its test class path: this
 * jar's {@code META-INF/services} entry plus JUnit's extension auto-detection, which the parent pom turns on
 * for every test run, so no test can opt out.
 */
public final class LeakScan implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
  private static final Set<String> SENSITIVE = ConcurrentHashMap.newKeySet();
  private static final List<String> RECORDED = Collections.synchronizedList(new ArrayList<>());
  // Held so the level survives garbage collection of the JUL logger.
  private static final Logger LIBRARY = Logger.getLogger("dev.fireflyauth");
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakScan.class);

  /** Declares a value that must never be shown; returns it, for {@code static final X = sensitive("…")}. */
  public static String sensitive(String value) {
    SENSITIVE.add(value);
    return value;
  }

  /** Records an exception's messages (the whole cause and suppressed chain) and {@code toString()}s. */
  public static <T extends Throwable> T record(T t) {
    for (Throwable x = t; x != null; x = x.getCause()) {
      RECORDED.add(String.valueOf(x));
      for (Throwable s : x.getSuppressed()) {
        record(s);
      }
      if (x.getCause() == x) {
        break;
      }
    }
    return t;
  }

  /** Records any text the library produced ({@code toString()}, trace lines, CLI output). */
  public static void record(Object o) {
    RECORDED.add(String.valueOf(o));
  }

  /** Where sensitive values occur in {@code texts}: "a sensitive value of 22 chars (URL-encoded) in text 3: …". */
  public static List<String> leaks(List<String> texts) {
    List<String> found = new ArrayList<>();
    for (String s : SENSITIVE) {
      for (String form : forms(s)) {
        for (int i = 0; i < texts.size(); i++) {
          String text = texts.get(i);
          if (text.contains(form)) {
            found.add("a sensitive value of " + s.length() + " chars" + (form.equals(s) ? "" : " (encoded)")
                + " in text " + i + " (" + text.length() + " chars)");
          }
        }
      }
    }
    return found;
  }

  /** The spellings an echo may use: raw, form-encoded, percent-encoded, JSON-escaped. */
  private static Set<String> forms(String s) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(s);
    String form = URLEncoder.encode(s, StandardCharsets.UTF_8);
    forms.add(form);
    forms.add(form.replace("+", "%20"));
    forms.add(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
    return forms;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    LIBRARY.setLevel(Level.ALL);
    RECORDED.clear();
    context.getStore(NS).put(LogCapture.class, LogCapture.start());
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    record(throwable);
    throw throwable;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LogCapture logs = context.getStore(NS).remove(LogCapture.class, LogCapture.class);
    if (logs == null) {
      return;
    }
    logs.close();
    List<String> texts = new ArrayList<>(logs.lines());
    synchronized (RECORDED) {
      texts.addAll(RECORDED);
      RECORDED.clear();
    }
    List<String> found = leaks(texts);
    if (!found.isEmpty()) {
      fail("secret or token leaked into logs or messages: " + found);
    }
  }
}

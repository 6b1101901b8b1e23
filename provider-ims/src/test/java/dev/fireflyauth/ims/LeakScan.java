package dev.fireflyauth.ims;

import static org.junit.jupiter.api.Assertions.fail;

import dev.fireflyauth.testing.LogCapture;
import java.util.ArrayList;
import java.util.Collections;
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
 * Fails any test after which a client secret or an issued token shows up in what the library logged (at every
 * level, through {@code System.Logger}) or in an exception message or {@code toString()} the test recorded.
 *
 * <p>Registered for every test class of the module by JUnit's extension auto-detection
 * ({@code junit-platform.properties} and {@code META-INF/services}), so no test can opt out.
 */
public final class LeakScan implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
  private static final Set<String> SENSITIVE = ConcurrentHashMap.newKeySet();
  private static final List<String> RECORDED = Collections.synchronizedList(new ArrayList<>());
  // Held so the level survives garbage collection of the JUL logger.
  private static final Logger LIBRARY = Logger.getLogger("dev.fireflyauth");
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakScan.class);

  /** Declares a value that must never be shown (a test secret, a token a stub issues). */
  static String sensitive(String value) {
    SENSITIVE.add(value);
    return value;
  }

  /** Records an exception's messages (the whole cause and suppressed chain) and {@code toString()}s. */
  static <T extends Throwable> T record(T t) {
    for (Throwable x = t; x != null; x = x.getCause()) {
      RECORDED.add(String.valueOf(x));
      for (Throwable s : x.getSuppressed()) {
        record(s);
      }
    }
    return t;
  }

  /** Records any text the library produced ({@code toString()}, trace lines). */
  static void record(Object o) {
    RECORDED.add(String.valueOf(o));
  }

  /** The sensitive values that occur in {@code texts}. */
  static List<String> leaks(List<String> texts) {
    List<String> found = new ArrayList<>();
    for (String s : SENSITIVE) {
      for (String text : texts) {
        if (text.contains(s)) {
          found.add(s.substring(0, Math.min(6, s.length())) + "… in: " + text);
        }
      }
    }
    return found;
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

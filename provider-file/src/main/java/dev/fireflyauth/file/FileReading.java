package dev.fireflyauth.file;

import dev.fireflyauth.spi.SourceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a request's files on behalf of a load or a write-back: which request, whether strict mode is
 * on, where warnings go, and the {@link PermissionCheck.Problem problems} found so far.
 *
 * <p>Why it exists: strict mode must refuse a file <em>before</em> its content is read, a warning is only
 * worth giving once the content was read from the file it is about, and a cache hit must report the same
 * problems again; keeping that policy here keeps {@link TextFile} and the format readers free of it. Not
 * thread-safe: one instance per load.
 */
final class FileReading {
  private final FileRequest request;
  private final boolean strict;
  private final SourceContext context;
  private final List<PermissionCheck.Problem> problems = new ArrayList<>();

  FileReading(FileRequest request, boolean strict, SourceContext context) {
    this.request = request;
    this.strict = strict;
    this.context = context;
  }

  FileRequest request() {
    return request;
  }

  /**
   * Called with a file's problem before its content is read.
   *
   * @throws dev.fireflyauth.CredentialSourceException in strict mode
   */
  void beforeRead(PermissionCheck.Problem problem) {
    if (strict) {
      throw problem.refusal(request);
    }
  }

  /** Called once the content was read from the file the problem is about: warns, and remembers it. */
  void afterRead(PermissionCheck.Problem problem) {
    problems.add(problem);
    context.warn(problem.warning());
  }

  /** Reports problems found by an earlier pass (a cache hit) as if they were found now. */
  void replay(List<PermissionCheck.Problem> earlier) {
    for (PermissionCheck.Problem p : earlier) {
      beforeRead(p);
      afterRead(p);
    }
  }

  /** The problems reported so far, in order. */
  List<PermissionCheck.Problem> problems() {
    return List.copyOf(problems);
  }
}

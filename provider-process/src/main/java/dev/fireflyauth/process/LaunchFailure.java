package dev.fireflyauth.process;

import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.spi.support.PeerText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why a command could not be started, in words a user can act on: not found on {@code PATH}, no such
 * file, a directory, not executable, or an interpreter named by its {@code #!} line that does not exist.
 *
 * <p>Why it exists: the JDK reports all of these as {@code Cannot run program "…": error=2, No such file or
 * directory} or {@code error=13, Permission denied}. Messages name the executable by its file name only, like
 * everything this source prints.
 */
final class LaunchFailure {
  /** The errno as JDK 17 ({@code error=2, No such file…}) and JDK 21+ ({@code error: 2 (No such file…)}) write it. */
  private static final Pattern ERRNO = Pattern.compile("error(?:=|: ?)(\\d+)(?:, ?([^()]+)| ?\\(([^()]+)\\))?");
  private static final int ENOENT = 2;
  private static final int EACCES = 13;

  private LaunchFailure() {}

  static CredentialSourceException of(ProcessRequest request, IOException e) {
    String executable = request.argv().get(0);
    String os = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    Matcher m = ERRNO.matcher(os == null ? "" : os);
    boolean found = m.find();
    int errno = found ? Integer.parseInt(m.group(1)) : -1;
    String reason = !found ? "" : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
    String why = executable.contains("/") ? aboutFile(executable, errno) : aboutPath(errno);
    String osText = reason.isBlank() ? "" : " (" + PeerText.clean(reason, List.of(), 120) + ")";
    // The JDK's message is not attached as a cause: it quotes the executable's full path.
    return new CredentialSourceException(ProcessCredentialSource.NAME,
        request.describe() + " could not be started: " + why + osText);
  }

  private static String aboutPath(int errno) {
    return switch (errno) {
      case ENOENT -> "it was not found on PATH; install it, or write the command with its full path";
      case EACCES -> "it was found on PATH but is not executable";
      default -> "the operating system refused to run it";
    };
  }

  private static String aboutFile(String executable, int errno) {
    Path p;
    try {
      p = Path.of(executable);
    } catch (InvalidPathException e) {
      return "its path is not valid";
    }
    if (!Files.exists(p)) {
      return "there is no such file";
    }
    if (Files.isDirectory(p)) {
      return "it is a directory";
    }
    if (!Files.isExecutable(p)) {
      return "the file is not executable (chmod +x it)";
    }
    if (errno == ENOENT) {
      return "the interpreter named by its #! line was not found";
    }
    return "the operating system refused to run it";
  }
}

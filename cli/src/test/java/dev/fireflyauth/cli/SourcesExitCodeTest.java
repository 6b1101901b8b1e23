package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.TraceEntry.Outcome;
import dev.fireflyauth.TraceEntry.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `firefly-auth sources` exits with the code the failing verb would: 6 broken, 5 unreachable, 3 none, 0 ok. */
class SourcesExitCodeTest {
  private static TraceEntry entry(Outcome o) {
    return new TraceEntry(Stage.CREDENTIALS, "x", o, "why", null, List.of());
  }

  @Test
  void eachOutcomeMapsToTheDocumentedExitCode() {
    assertEquals(0, SourcesCommand.exitCode(List.of(entry(Outcome.SKIPPED), entry(Outcome.USED))));
    assertEquals(3, SourcesCommand.exitCode(List.of(entry(Outcome.SKIPPED), entry(Outcome.FAILED_TO_LOAD))));
    assertEquals(5, SourcesCommand.exitCode(List.of(entry(Outcome.UNAVAILABLE), entry(Outcome.NOT_TRIED))));
    assertEquals(6, SourcesCommand.exitCode(List.of(entry(Outcome.BROKEN), entry(Outcome.NOT_TRIED))));
  }
}

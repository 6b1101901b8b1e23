package dev.fireflyauth.file;

import dev.fireflyauth.testkit.TestSourceContext;
import static dev.fireflyauth.file.Fixtures.assertMentions;
import static dev.fireflyauth.file.Fixtures.brokenMessage;
import static dev.fireflyauth.file.Fixtures.copy;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fireflyauth.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gives a typed broken error naming the file and the profile (and a position where
 * one applies) and never the secret. {@link Fixtures#brokenMessage} checks the type and scans for secrets.
 */
class BadInputTest {
  @TempDir Path dir;

  private String broken(String resource) {
    Path file = copy(resource, dir);
    String message = brokenMessage(file);
    assertMentions(message, "file " + file, "[profile default]");
    return message;
  }

  @Test
  void emptyFile() {
    assertMentions(broken("bad/empty.json"), "is empty");
  }

  @Test
  void whitespaceOnlyFileIsEmpty() throws IOException {
    Path file = Fixtures.write(dir, "blank.env", "\n   \n\t\n");
    assertMentions(brokenMessage(file), "is empty");
  }

  @Test
  void invalidJsonGivesLineAndColumnButNotTheSecret() {
    Path file = copy("bad/invalid.json", dir);
    assertEquals("file " + file + " [profile default] is not valid JSON: expected ',' or '}' at line 3, column 46",
        brokenMessage(file));
  }

  @Test
  void truncatedJson() {
    Path file = copy("bad/truncated.json", dir);
    assertEquals("file " + file + " [profile default] is not valid JSON: unexpected end of input at line 4, column 1",
        brokenMessage(file));
  }

  @Test
  void duplicateKeyIsAnErrorAtTheSecondKey() throws IOException {
    Path file = Fixtures.write(dir, "dup.json", "{\"client_id\": \"x\",\n \"client_secret\": \"p8e-FAKE-SECRET-a\",\n"
        + " \"client_secret\": \"p8e-FAKE-SECRET-b\"}");
    assertMentions(brokenMessage(file), "[profile default] is not valid JSON: duplicate key at line 3, column 2");
  }

  @Test
  void textAfterTheDocumentIsAnError() throws IOException {
    Path file = Fixtures.write(dir, "two.json", "{\"client_id\": \"x\", \"client_secret\": \"p8e-FAKE-SECRET-t\"}\n"
        + "{\"client_id\": \"y\"}\n");
    assertMentions(brokenMessage(file), "is not valid JSON: unexpected text after the JSON value at line 2, column 1");
  }

  @Test
  void singleQuotedJsonIsRefusedWithoutQuotingTheSecret() throws IOException {
    Path file = Fixtures.write(dir, "c.json", "{'client_id': 'x', 'client_secret': 'p8e-FAKE-SECRET-q'}");
    assertMentions(brokenMessage(file), "is not valid JSON: expected a quoted key at line 1, column 2");
  }

  @Test
  void jsonArrayIsTheWrongShape() {
    assertMentions(broken("bad/array.json"), "must hold a JSON object", "found an array");
  }

  @Test
  void jsonStringIsTheWrongShape() {
    assertMentions(broken("bad/string.json"), "must hold a JSON object", "found a string");
  }

  @Test
  void missingClientId() {
    assertMentions(broken("bad/missing-id.json"), "missing 'client_id'");
  }

  @Test
  void missingSecret() {
    assertMentions(broken("bad/missing-secret.json"), "missing 'client_secret' or 'client_secrets'");
  }

  @Test
  void emptySecretList() {
    assertMentions(broken("bad/empty-secrets.json"), "'client_secrets' is empty");
  }

  @Test
  void unknownProfileListsTheProfilesThatExist() {
    Path file = copy("formats/json/profiles.json", dir);
    String message = brokenMessage(() -> Fixtures.load(new FileCredentialSource(),
        TestSourceContext.of(Fixtures.settingsFor(file).put(Setting.PROFILE, "staging").build())));
    assertMentions(message, "file " + file + " [profile staging]", "profile 'staging'",
        "setting firefly.profile", "its profiles are: default, prod");
  }

  @Test
  void profileOnAFileWithoutProfiles() {
    Path file = copy("formats/json/full.json", dir);
    String message = brokenMessage(() -> Fixtures.load(new FileCredentialSource(),
        TestSourceContext.of(Fixtures.settingsFor(file).build(), "firefly:file:" + file + "?profile=prod")));
    assertMentions(message, "[profile prod]", "without a \"profiles\" object has no profiles");
  }

  @Test
  void developerConsoleProjectWithoutServerToServerCredential() {
    assertMentions(broken("formats/console/jwt-only.json"),
        "no OAuth Server-to-Server credential", "(it has: service)");
  }

  @Test
  void developerConsoleProjectWithSeveralCredentialsAndNoProfile() {
    assertMentions(broken("formats/console/two-credentials.json"),
        "several OAuth Server-to-Server credentials (ci, batch)");
  }

  @Test
  void fileOverOneMebibyteIsRefused() throws IOException {
    Path file = dir.resolve("huge.json");
    char[] padding = new char[TextFile.MAX_BYTES];
    Arrays.fill(padding, ' ');
    Files.writeString(file, "{\"client_id\": \"x\", \"client_secret\": \"p8e-FAKE-SECRET-huge\"}" + new String(padding));
    Fixtures.ownerOnly(file);
    assertMentions(brokenMessage(file), "file " + file, "larger than 1 MiB");
  }

  @Test
  void binaryGarbageIsNotUtf8() throws IOException {
    Path file = dir.resolve("credentials.json");
    Files.write(file, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x00, 0x01, (byte) 0x9F});
    Fixtures.ownerOnly(file);
    assertMentions(brokenMessage(file), "file " + file, "is not UTF-8 text");
  }

  @Test
  void binaryControlCharactersAreRefusedWithTheirPosition() throws IOException {
    Path file = Fixtures.write(dir, "credentials", "FIREFLY_SERVICES_CLIENT_ID=x\nab\u0000\u0001");
    assertMentions(brokenMessage(file), "contains binary data", "line 2, column 3");
  }

  @Test
  void dotenvLineWithoutEqualsIsReportedByNumberWithoutItsText() {
    assertMentions(broken("bad/bare-line.env"), "line 2 is not KEY=VALUE");
  }

  @Test
  void dotenvUnclosedQuoteNamesTheKeyNotTheValue() {
    assertMentions(broken("bad/unclosed-quote.env"),
        "line 2 (FIREFLY_SERVICES_CLIENT_SECRET)", "double quote is not closed");
  }

  @Test
  void directoryWithoutClientIdListsWhatItHolds() throws IOException {
    Path volume = Files.createDirectory(dir.resolve("volume"));
    Fixtures.write(volume, "client_secret", "p8e-FAKE-SECRET-dir\n");
    Fixtures.write(volume, "password.txt", "p8e-FAKE-SECRET-other\n");
    String message = brokenMessage(volume);
    assertMentions(message, "file " + volume, "without a 'client_id' file", "holds: client_secret, password.txt");
  }

  @Test
  void namedFileThatDoesNotExistIsBrokenNotAbsent() {
    Path file = dir.resolve("nope.json");
    assertMentions(brokenMessage(file), "file " + file, "does not exist",
        "environment variable FIREFLY_CREDENTIALS_FILE");
  }

  /**
   * Permission denied is tested with chmod 000, which root ignores (CAP_DAC_OVERRIDE), so this one test is
   * skipped when running as root, as CI does; {@link #danglingSymbolicLinkIsUnreadable} and
   * {@link #fifoIsRefusedWithoutBlocking} cover unreadable paths there.
   */
  @Test
  void unreadableFileSaysPermissionDenied() throws IOException {
    assumeTrue(Fixtures.posix(), "needs POSIX permissions");
    Path file = copy("formats/json/single-secret.json", dir);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(file), "running as root: chmod 000 does not stop root from reading");
    assertMentions(brokenMessage(file), "file " + file, "permission denied");
  }

  @Test
  void danglingSymbolicLinkIsUnreadable() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("credentials.json"), dir.resolve("rotated-away.json"));
    assertMentions(brokenMessage(link), "file " + link, "symbolic link whose target does not exist");
  }

  @Test
  void fifoIsRefusedWithoutBlocking() throws IOException, InterruptedException {
    Path fifo = dir.resolve("credentials.fifo");
    // mkfifo is in coreutils on every machine this project builds on.
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    assertMentions(brokenMessage(fifo), "file " + fifo, "neither a regular file nor a directory");
  }

  @Test
  void unknownLocatorParameterListsTheKnownOnes() {
    Path file = copy("formats/json/full.json", dir);
    String message = brokenMessage(() -> new FileCredentialSource().load(
        TestSourceContext.of(Fixtures.settingsFor(file).build(), "firefly:file:" + file + "?profil=prod")));
    assertMentions(message, "unknown parameter 'profil'", "knows: profile");
    assertFalse(message.contains("prod"), message);
  }

  @Test
  void wrongTypeForAFieldNamesTheFieldNotTheValue() throws IOException {
    Path file = Fixtures.write(dir, "c.json", "{\"client_id\": 42, \"client_secret\": \"p8e-FAKE-SECRET-n\"}");
    assertMentions(brokenMessage(file), "'client_id' must be a string, found a number");
  }

  @Test
  void brokenFileIsNotCachedAsGood() throws IOException {
    Path file = copy("formats/json/full.json", dir);
    FileCredentialSource source = new FileCredentialSource();
    TestSourceContext context = TestSourceContext.of(Fixtures.settingsFor(file).build());
    assertEquals("fake-client-id-0002", Fixtures.load(source, context).clientId());
    Files.writeString(file, "{\"client_id\": \"fake-client-id-0002\"}");
    assertMentions(brokenMessage(() -> source.load(context)), "missing 'client_secret'");
    assertFalse(Files.readString(file).contains(Fixtures.SECRET_MARKER));
  }
}

package dev.fireflyauth.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command-line splitter against what {@code sh} makes of the same text. */
class CommandLineTest {
  private static final Optional<String> HOME = Optional.of("/home/ff");

  static Stream<Arguments> splits() {
    return Stream.of(
        Arguments.of("op read op://Prod/Firefly/credential", List.of("op", "read", "op://Prod/Firefly/credential")),
        Arguments.of("  op \t read\n x  ", List.of("op", "read", "x")),
        Arguments.of("echo 'a b'  c", List.of("echo", "a b", "c")),
        Arguments.of("echo 'it'\\''s'", List.of("echo", "it's")),
        Arguments.of("echo \"a b\"", List.of("echo", "a b")),
        Arguments.of("echo \"say \\\"hi\\\"\"", List.of("echo", "say \"hi\"")),
        Arguments.of("echo \"back\\\\slash\"", List.of("echo", "back\\slash")),
        Arguments.of("echo \"\\$HOME and \\`x\\`\"", List.of("echo", "$HOME and `x`")),
        Arguments.of("echo \"keep \\n and \\q\"", List.of("echo", "keep \\n and \\q")),
        Arguments.of("echo '\\n stays' \"'single' inside\"", List.of("echo", "\\n stays", "'single' inside")),
        Arguments.of("echo a\\ b", List.of("echo", "a b")),
        Arguments.of("echo \\'x\\\"", List.of("echo", "'x\"")),
        Arguments.of("echo \\$HOME \\| \\; \\#", List.of("echo", "$HOME", "|", ";", "#")),
        Arguments.of("echo one\\\ntwo", List.of("echo", "onetwo")),
        Arguments.of("echo \"one\\\ntwo\"", List.of("echo", "onetwo")),
        Arguments.of("echo '' \"\" x", List.of("echo", "", "", "x")),
        Arguments.of("echo a'b'\"c\"d", List.of("echo", "abcd")),
        Arguments.of("echo 'a|b;c&d<e>f(g)h$i`j#k'", List.of("echo", "a|b;c&d<e>f(g)h$i`j#k")),
        Arguments.of("echo \"a|b;c&d<e>f(g)h#i\"", List.of("echo", "a|b;c&d<e>f(g)h#i")),
        Arguments.of("echo a#b", List.of("echo", "a#b")),
        Arguments.of("vault kv get -format=json -field=data secret/firefly",
            List.of("vault", "kv", "get", "-format=json", "-field=data", "secret/firefly")),
        Arguments.of("env VAULT_ADDR=https://vault:8200 vault kv get x",
            List.of("env", "VAULT_ADDR=https://vault:8200", "vault", "kv", "get", "x")),
        Arguments.of("'FOO=bar' x", List.of("FOO=bar", "x")),
        Arguments.of("ls *.json ?x [ab]", List.of("ls", "*.json", "?x", "[ab]")),
        Arguments.of("~/bin/creds ~ a~b '~/q' x=~", List.of("/home/ff/bin/creds", "/home/ff", "a~b", "~/q", "x=~")),
        Arguments.of("/usr/local/bin/op read x", List.of("/usr/local/bin/op", "read", "x")),
        Arguments.of("", List.of()),
        Arguments.of("   ", List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("splits")
  void splitsLikeAPosixShell(String line, List<String> words) throws CommandLine.Problem {
    assertEquals(words, CommandLine.split(line, HOME));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("op read 'unbalanced", "unbalanced single quote (opened at character 9)"),
        Arguments.of("op read \"unbalanced", "unbalanced double quote (opened at character 9)"),
        Arguments.of("op read \"a\\\"", "unbalanced double quote (opened at character 9)"),
        Arguments.of("op read x\\", "trailing backslash at character 10"),
        Arguments.of("vault kv get x | jq .data", "'|' at character 16 is shell syntax"),
        Arguments.of("vault kv get -format=json secret/firefly | jq .data", "'|' at character 42 is shell syntax"),
        Arguments.of("a; b", "';' at character 2 is shell syntax"),
        Arguments.of("a && b", "'&' at character 3 is shell syntax"),
        Arguments.of("a > out", "'>' at character 3 is shell syntax"),
        Arguments.of("a < in", "'<' at character 3 is shell syntax"),
        Arguments.of("(a)", "'(' at character 1 is shell syntax"),
        Arguments.of("a `b`", "'`' at character 3 is shell syntax"),
        Arguments.of("op read $REF", "'$' at character 9 would be expanded by a shell"),
        Arguments.of("op read \"$REF\"", "'$' at character 10 would be expanded by a shell even inside double quotes"),
        Arguments.of("op read \"`x`\"", "'`' at character 10 is a command substitution"),
        Arguments.of("op read x # comment", "'#' at character 11 starts a comment"),
        Arguments.of("~root/bin/x", "'~user' at character 1 is not supported"),
        Arguments.of("OP_ACCOUNT=my op read x", "the command starts with an environment assignment ('OP_ACCOUNT=…')"),
        Arguments.of("FOO=\"bar\" x", "environment assignment ('FOO=…')"),
        Arguments.of("a\0b", "NUL character at character 2"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("refusals")
  void refusesWhatOnlyAShellCouldDoWithThePosition(String line, String message) {
    CommandLine.Problem p = assertThrows(CommandLine.Problem.class, () -> CommandLine.split(line, HOME));
    assertTrue(p.getMessage().contains(message), p.getMessage());
  }

  @Test
  void shellSyntaxRefusalsSayHowToPassItLiterally() {
    CommandLine.Problem p = assertThrows(CommandLine.Problem.class, () -> CommandLine.split("a | b", HOME));
    assertTrue(p.getMessage().contains("the command runs without a shell: quote it to pass it literally, or put"
        + " the shell code in a script and run that"), p.getMessage());
  }

  @Test
  void aTildeNeedsTheHomeDirectory() {
    CommandLine.Problem p =
        assertThrows(CommandLine.Problem.class, () -> CommandLine.split("~/bin/creds", Optional.empty()));
    assertEquals("'~' at character 1 needs the home directory, and user.home is not set", p.getMessage());
  }

  @Test
  void problemsNeverQuoteTheCommandLine() {
    CommandLine.Problem p = assertThrows(CommandLine.Problem.class,
        () -> CommandLine.split("vault kv get -token=hvs.TOPSECRET 'secret/x", HOME));
    assertTrue(!p.getMessage().contains("TOPSECRET") && !p.getMessage().contains("secret/x"), p.getMessage());
  }

  @Test
  void theExecutableIsShownByItsFileNameOnly() {
    assertEquals("op", CommandLine.executableName("/usr/local/bin/op"));
    assertEquals("op", CommandLine.executableName("op"));
    assertEquals("creds.sh", CommandLine.executableName("./creds.sh"));
    assertEquals("bin", CommandLine.executableName("/opt/bin/"));
    assertEquals("/", CommandLine.executableName("/"));
    assertEquals("a?b", CommandLine.executableName("/x/a\nb"));
    assertEquals(80, CommandLine.executableName("x".repeat(200)).length());
  }
}

package dev.fireflyauth.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

  @Test
  void readsEveryKindOfValue() throws JsonProblem {
    Object v = StrictJson.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\",\"i\":-12,\"d\":2.5e-3,"
        + "\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"x\":\"y\"}}\r\n");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals("a\"b\\c/\né😀", m.get("s"));
    assertEquals(BigInteger.valueOf(-12), m.get("i"));
    assertEquals(new BigDecimal("2.5e-3"), m.get("d"));
    assertEquals(Boolean.TRUE, m.get("t"));
    assertEquals(Boolean.FALSE, m.get("f"));
    assertTrue(m.containsKey("n"));
    assertNull(m.get("n"));
    assertEquals(List.of(BigInteger.ONE, List.of(), Map.of()), m.get("a"));
    assertEquals(Map.of("x", "y"), m.get("o"));
    assertEquals(List.of("s", "i", "d", "t", "f", "n", "a", "o"), List.copyOf(m.keySet()), "insertion order");
  }

  @Test
  void valuesAreUnmodifiable() throws JsonProblem {
    Map<?, ?> m = (Map<?, ?>) StrictJson.parse("{\"a\":[1]}");
    assertThrows(UnsupportedOperationException.class, m::clear);
    assertThrows(UnsupportedOperationException.class, ((List<?>) m.get("a"))::clear);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "''                              | no JSON value (the text is empty) | 1 | 1",
    "'{\"a\":1,\"a\":2}'             | duplicate key                     | 1 | 8",
    "'{\"a\":1} x'                   | unexpected text after the JSON value | 1 | 9",
    "'{\"a\":1,}'                    | expected a quoted key             | 1 | 8",
    "'[1,]'                          | unexpected ']'                    | 1 | 4",
    "'{\"a\" 1}'                     | expected ':' after a key          | 1 | 6",
    "'{\"a\":1'                      | unexpected end of input           | 1 | 7",
    "'\"abc'                         | unexpected end of input inside a string | 1 | 5",
    "'{''a'':1}'                     | expected a quoted key             | 1 | 2",
    "'// c\n{}'                      | unexpected comment (JSON has no comments) | 1 | 1",
    "'01'                            | a number may not start with 0     | 1 | 1",
    "'1.'                            | invalid number: digits must follow '.' | 1 | 3",
    "'1e'                            | invalid number: digits must follow the exponent | 1 | 3",
    "'1e99999'                       | number out of range (exponent beyond 9999) | 1 | 1",
    "'NaN'                           | unexpected character              | 1 | 1",
    "'tru'                           | unexpected character              | 1 | 1",
    "'\"a\\x\"'                      | invalid escape sequence inside a string | 1 | 3",
    "'\"\\u12g4\"'                   | invalid \\u escape inside a string | 1 | 2",
  })
  void refusesWhatALenientParserWouldGuess(String text, String what, int line, int column) {
    JsonProblem p = assertThrows(JsonProblem.class, () -> StrictJson.parse(text.replace("\\n", "\n")));
    assertEquals(what, p.what());
    assertEquals(line, p.line(), "line");
    assertEquals(column, p.column(), "column");
  }

  @Test
  void aControlCharacterInsideAStringIsRefused() {
    JsonProblem p = assertThrows(JsonProblem.class, () -> StrictJson.parse("{\"a\":\"x\ty\"}"));
    assertEquals("control character inside a string (escape it)", p.what());
  }

  @Test
  void linesAndColumnsCountLineFeedsAndCarriageReturns() {
    JsonProblem lf = assertThrows(JsonProblem.class, () -> StrictJson.parse("{\n  \"a\": 1,\n  \"a\": 2\n}"));
    assertEquals(3, lf.line());
    assertEquals(3, lf.column());
    JsonProblem crlf = assertThrows(JsonProblem.class, () -> StrictJson.parse("{\r\n\"a\":\r\n}"));
    assertEquals(3, crlf.line());
    JsonProblem cr = assertThrows(JsonProblem.class, () -> StrictJson.parse("{\r\"a\":\r}"));
    assertEquals(3, cr.line());
  }

  @Test
  void nestingAndNumberLengthAreBounded() {
    String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
    assertEquals("nested deeper than 64 levels", assertThrows(JsonProblem.class, () -> StrictJson.parse(deep)).what());
    assertEquals("number longer than 1000 characters",
        assertThrows(JsonProblem.class, () -> StrictJson.parse("9".repeat(1001))).what());
  }

  @Test
  void problemsNeverQuoteTheInput() {
    String secret = "p8e-Sup3rS3cret-value";
    for (String text : List.of(
        "{\"client_secret\":\"" + secret + "\" oops}",
        "{\"client_secret\":" + secret + "}",
        "{\"" + secret + "\":1,\"" + secret + "\":2}",
        "{'" + secret + "':1}")) {
      JsonProblem p = assertThrows(JsonProblem.class, () -> StrictJson.parse(text));
      assertFalse(p.getMessage().contains("Sup3r"), p.getMessage());
      assertFalse(p.describe("file x").contains("Sup3r"), p.describe("file x"));
    }
  }

  @Test
  void theOneWording() {
    JsonProblem p = assertThrows(JsonProblem.class, () -> StrictJson.parse("{"));
    assertEquals("file /etc/x.json is not valid JSON: unexpected end of input at line 1, column 2",
        p.describe("file /etc/x.json"));
  }

  @Test
  void roundTripsWhatJsonWriterWrites() throws JsonProblem {
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("text", "line\nbreak \"quoted\" back\\slash \u0001 \u2028 é");
    doc.put("list", Arrays.asList("a", null, true, 3));
    doc.put("nested", Map.of("k", List.of()));
    String written = JsonWriter.write(doc);
    assertFalse(written.contains("\n"), written);
    Map<?, ?> back = (Map<?, ?>) StrictJson.parse(written);
    assertEquals(doc.get("text"), back.get("text"));
    assertEquals(Arrays.asList("a", null, true, BigInteger.valueOf(3)), back.get("list"));
  }

  @Test
  void theWriterRefusesWhatJsonCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
  }
}

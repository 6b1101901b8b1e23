package dev.fireflyauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fireflyauth.Settings;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When {@code Main} warms the TLS stack: only for a token run that will certainly exchange. */
class MainTest {
  @ParameterizedTest(name = "[{0}] with FIREFLY_TOKEN_STORE={1}: {2}")
  @CsvSource({
    "token --no-store, , true",
    "headers --no-store -q, , true",
    "token, none, true",
    "token --json, ' NONE ', true",
    "token, , false",
    "token, file, false",
    "headers, redis://127.0.0.1:6379, false",
    "sources --no-store, , false",
    "token --help --no-store, , false",
    "cache clear, none, false"
  })
  void anExchangeIsCertainOnlyForATokenRunWithoutAStore(String line, String store, boolean certain) {
    Settings settings = Settings.builder()
        .environment(store == null ? Map.of() : Map.of("FIREFLY_TOKEN_STORE", store))
        .build();
    assertEquals(certain, Main.exchangeIsCertain(line.split(" "), settings));
  }
}

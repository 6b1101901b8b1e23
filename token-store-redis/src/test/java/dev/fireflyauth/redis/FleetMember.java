package dev.fireflyauth.redis;

import dev.fireflyauth.FireflyAuth;

/**
 * One member of a fleet, run as its own JVM by {@link FleetIT}: reads the real environment
 * ({@code FIREFLY_TOKEN_STORE}, {@code FIREFLY_IMS_URL}, the client ID and secret), prints the token on stdout;
 * whatever the library warns goes to stderr through {@code java.util.logging}.
 */
public final class FleetMember {
  private FleetMember() {}

  public static void main(String[] args) {
    try (FireflyAuth auth = FireflyAuth.create()) {
      System.out.println(auth.token().value().reveal());
    }
  }
}

package com.example.app;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.TraceEntry;

/** Prints the trace, then the token's origin and the token: what the integration test checks. */
public final class Main {
  public static void main(String[] args) {
    try (FireflyAuth auth = FireflyAuth.create()) {
      for (TraceEntry e : auth.explain()) {
        System.out.println("trace " + e);
      }
      System.out.println("sources " + auth.sourceNames());
      System.out.println("origin " + auth.token().origin().orElse("?"));
      System.out.println("token " + auth.token().value().reveal());
    }
  }
}

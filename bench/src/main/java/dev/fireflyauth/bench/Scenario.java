package dev.fireflyauth.bench;

/** One of the scenarios P2..P7: runs every applicable contender and returns their figures. */
interface Scenario {
  /** The short key in the results file, e.g. {@code p2}. */
  String id();

  Results run() throws Exception;
}

package dev.fireflyauth.bench;

import java.util.Arrays;

/** Percentiles of a sample, nearest-rank, and the unit conversions the report uses. */
final class Stats {
  private Stats() {}

  /** The {@code p}-th percentile (0..100) of {@code values}, nearest rank; sorts a copy. */
  static long percentile(long[] values, double p) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** {@code v} rounded to two decimals, as the results show ratios. */
  static double hundredths(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}

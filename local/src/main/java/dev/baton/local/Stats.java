package dev.baton.local;

import java.util.List;

/** The statistics every benchmark reports: medians and nearest-rank percentiles. */
public final class Stats {
  private Stats() {}

  /** The median; the mean of the two middle values for an even count. */
  public static double median(List<? extends Number> values) {
    List<Double> s = sorted(values);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100). */
  public static double percentile(List<? extends Number> values, double p) {
    List<Double> s = sorted(values);
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
  }

  private static List<Double> sorted(List<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    return values.stream().map(Number::doubleValue).sorted().toList();
  }
}

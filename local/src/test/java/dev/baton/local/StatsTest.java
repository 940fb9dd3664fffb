package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void givenOddAndEvenCounts_thenTheMedianIsTheMiddleOrTheMeanOfTheTwoMiddles() {
    assertEquals(3.0, Stats.median(List.of(5, 1, 3)));
    assertEquals(2.5, Stats.median(List.of(4L, 1L, 2L, 3L)));
  }

  @Test
  void givenAHundredValues_thenPercentilesAreNearestRank() {
    List<Integer> values = java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList();
    assertEquals(50.0, Stats.percentile(values, 50));
    assertEquals(99.0, Stats.percentile(values, 99));
    assertEquals(100.0, Stats.percentile(values, 100));
    assertEquals(7.0, Stats.percentile(List.of(7), 99));
    assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
  }
}

package dev.baton.core.freeze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GIVEN the weekly window Friday 16:00 to Monday 08:00 Europe/Berlin and ad-hoc freezes
 * WHEN the transitions of the last 15 minutes are asked for, around the weekends of the daylight-saving changes
 * THEN the start and the end come out at the Berlin wall-clock times (16:00 CEST is 14:00Z, 08:00 CET 07:00Z in
 *   October; 16:00 CET 15:00Z, 08:00 CEST 06:00Z in March), each in exactly one 15-minute span; an ad-hoc freeze
 *   ended early ends when it was ended.
 */
class FreezeTransitionsTest {
  private static final Duration LOOKBACK = Duration.ofMinutes(15);
  private static final FreezeCalendar WEEKEND = FreezeCalendar.parse("freezes.json", Json.parseObject("""
      {"freezes": [{"name": "weekend", "description": "No deploys over the weekend", "pipelines": ["payments-*"],
                    "zone": "Europe/Berlin", "weekly": {"from": "FRIDAY 16:00", "to": "MONDAY 08:00"}}]}"""));

  private static final class Declared implements AdHocFreezeStore {
    final List<AdHocFreeze> all = new ArrayList<>();

    @Override
    public List<AdHocFreeze> active(Instant now) {
      return all.stream().filter(f -> f.activeAt(now)).toList();
    }

    @Override
    public void put(AdHocFreeze freeze) {
      all.add(freeze);
    }

    @Override
    public List<AdHocFreeze> end(Collection<String> targets, String by, Instant now) {
      throw new UnsupportedOperationException();
    }
  }

  private static List<String> at(FreezeTransitions t, String instant) {
    Instant now = Instant.parse(instant);
    return t.between(now.minus(LOOKBACK), now).stream().map(x -> x.edge() + " " + x.occurrence() + " " + x.at())
        .toList();
  }

  @Test
  void givenTheAutumnChange_thenTheStartIsAt14ZAndTheEndAt07Z_eachInOneSpanOnly() {
    FreezeTransitions t = new FreezeTransitions(WEEKEND, new Declared());

    assertEquals(List.of(), at(t, "2026-10-23T13:59:00Z"));
    assertEquals(List.of("STARTED weekend 2026-10-23T14:00:00Z"), at(t, "2026-10-23T14:00:00Z"));
    assertEquals(List.of("STARTED weekend 2026-10-23T14:00:00Z"), at(t, "2026-10-23T14:14:59Z"));
    assertEquals(List.of(), at(t, "2026-10-23T14:15:00Z"));
    assertEquals(List.of(), at(t, "2026-10-26T06:59:59Z"), "not at 08:00 CEST (06:00Z): the clocks went back");
    assertEquals(List.of("ENDED weekend 2026-10-26T07:00:00Z"), at(t, "2026-10-26T07:01:00Z"));
    assertEquals(List.of(), at(t, "2026-10-26T07:15:00Z"));
  }

  @Test
  void givenTheSpringChange_thenTheStartIsAt15ZAndTheEndAt06Z() {
    FreezeTransitions t = new FreezeTransitions(WEEKEND, new Declared());

    assertEquals(List.of("STARTED weekend 2026-03-27T15:00:00Z"), at(t, "2026-03-27T15:05:00Z"));
    assertEquals(List.of("ENDED weekend 2026-03-30T06:00:00Z"), at(t, "2026-03-30T06:05:00Z"));
    assertEquals(List.of(), at(t, "2026-03-30T07:05:00Z"), "not at 08:00 CET (07:00Z): the clocks went forward");
  }

  @Test
  void givenAnAdHocFreezeEndedEarly_thenItStartsAndEndsWhenItDid() {
    Declared declared = new Declared();
    Instant since = Instant.parse("2026-11-24T10:00:00Z");
    declared.put(new AdHocFreeze("payments-deploy", "incident 4711", "U0ALICE", since,
        Instant.parse("2026-11-24T10:07:30Z")));
    FreezeTransitions t = new FreezeTransitions(FreezeCalendar.of(List.of()), declared);

    assertEquals(List.of("STARTED ad hoc payments-deploy 2026-11-24T10:00:00Z",
        "ENDED ad hoc payments-deploy 2026-11-24T10:07:30Z"), at(t, "2026-11-24T10:08:00Z"));
    FreezeTransition started = t.between(since.minusSeconds(1), since).getFirst();
    assertEquals("ad hoc by U0ALICE (incident 4711)", started.describe());
    assertEquals(Optional.of("U0ALICE"), started.by());
    assertEquals(List.of(), at(t, "2026-11-24T10:30:00Z"));
  }
}

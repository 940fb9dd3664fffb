package dev.baton.core.freeze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.LocalDynamo;
import dev.baton.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Configured windows in their zone (across daylight-saving changes) and ad-hoc freezes on dynalite, together. */
class FreezesTest {
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();

  private static final FreezeCalendar CALENDAR = FreezeCalendar.parse("test", Json.parseObject("""
      {"freezes": [
        {"name": "weekend", "description": "No deploys over the weekend", "pipelines": ["*-deploy"],
         "zone": "Europe/Berlin", "weekly": {"from": "friday 16:00", "to": "MONDAY 08:00"}},
        {"name": "year-end", "pipelines": ["payments-deploy"], "zone": "Europe/Berlin",
         "dates": {"from": "2026-12-23T00:00", "to": "2027-01-04T08:00"}, "whenFrozen": "drop"}
      ]}"""));

  private AdHocFreezeStore adHoc;
  private Freezes freezes;

  @BeforeEach
  void fresh() {
    adHoc = new DynamoFreezeStore(dynamo.client(), dynamo.newTable(), Optional.empty());
    freezes = new Freezes(CALENDAR, adHoc);
  }

  private Optional<Freeze> at(String pipeline, String instant) {
    return freezes.at(pipeline, Instant.parse(instant));
  }

  @Test
  void givenAWeekendWindowAcrossTheSpringChange_thenItEndsAtEightBerlinSummerTime_notAnHourLate() {
    // 29 March 2026: Berlin moves from UTC+1 to UTC+2. Friday 16:00 CET is 15:00Z; Monday 08:00 CEST is 06:00Z.
    assertEquals(Optional.empty(), at("payments-deploy", "2026-03-27T14:59:59Z"));
    Freeze f = at("payments-deploy", "2026-03-27T15:00:00Z").orElseThrow();
    assertEquals("weekend", f.name());
    assertEquals(Instant.parse("2026-03-27T15:00:00Z"), f.since());
    assertEquals(Instant.parse("2026-03-30T06:00:00Z"), f.until());
    assertEquals(WhenFrozen.HOLD, f.whenFrozen());
    assertTrue(at("payments-deploy", "2026-03-30T05:59:59Z").isPresent());
    assertEquals(Optional.empty(), at("payments-deploy", "2026-03-30T06:00:00Z"), "a fixed +01:00 would say 07:00Z");
  }

  @Test
  void givenTheWeekendAcrossTheAutumnChange_thenItStartsAtSixteenSummerTimeAndEndsAtEightWinterTime() {
    // 25 October 2026: back to UTC+1. Friday 16:00 CEST is 14:00Z; Monday 08:00 CET is 07:00Z.
    assertEquals(Optional.empty(), at("ledger-deploy", "2026-10-23T13:59:00Z"));
    Freeze f = at("ledger-deploy", "2026-10-25T01:30:00Z").orElseThrow();   // inside the repeated hour
    assertEquals(Instant.parse("2026-10-23T14:00:00Z"), f.since());
    assertEquals(Instant.parse("2026-10-26T07:00:00Z"), f.until());
    assertTrue(at("ledger-deploy", "2026-10-26T06:30:00Z").isPresent(), "a fixed +02:00 would have ended at 06:00Z");
    assertEquals(Optional.empty(), at("ledger-deploy", "2026-10-26T07:00:00Z"));
  }

  @Test
  void givenAPipelineNoWindowNames_thenNeverFrozen() {
    assertEquals(Optional.empty(), at("static-site-publish", "2026-03-28T12:00:00Z"));
  }

  @Test
  void givenTheDatedRangeThatDrops_thenItWinsOverTheWeekend_andTheAnswerRunsToTheEndOfBoth() {
    Freeze f = at("payments-deploy", "2026-12-26T10:00:00Z").orElseThrow();   // a Saturday inside the range
    assertEquals("year-end", f.name());
    assertEquals(WhenFrozen.DROP, f.whenFrozen());
    assertEquals(Instant.parse("2027-01-04T07:00:00Z"), f.until());
    // the range ends Monday 4 January 08:00 (07:00Z), which is exactly where that weekend window ends too
    Freeze ledger = at("ledger-deploy", "2026-12-26T10:00:00Z").orElseThrow();
    assertEquals("weekend", ledger.name());
    assertEquals(Instant.parse("2026-12-28T07:00:00Z"), ledger.until());
  }

  @Test
  void givenAnAdHocFreezeAdjoiningTheWeekend_thenTheAnswerIsTheAdHocOne_untilTheWeekendIsOverToo() {
    adHoc.put(new AdHocFreeze("payments-deploy", "incident 4711", "U0ALICE", Instant.parse("2026-11-20T09:00:00Z"),
        Instant.parse("2026-11-20T16:00:00Z")));   // Friday 17:00 Berlin: the weekend began at 15:00Z

    Freeze f = at("payments-deploy", "2026-11-20T10:00:00Z").orElseThrow();

    assertEquals(Freeze.AD_HOC, f.name());
    assertEquals(Optional.of("U0ALICE"), f.by());
    assertEquals("ad hoc by U0ALICE (incident 4711)", f.describe());
    assertEquals(Instant.parse("2026-11-23T07:00:00Z"), f.until(), "followed through the weekend window");
    assertEquals(Optional.empty(), at("ledger-deploy", "2026-11-20T10:00:00Z"), "only the pipeline named");
  }

  @Test
  void givenAFreezeOnAll_whenEndedEarly_thenNoLongerFrozen_andWhoEndedItIsKept() {
    Instant now = Instant.parse("2026-11-18T10:00:00Z");
    adHoc.put(new AdHocFreeze(AdHocFreeze.ALL, "db migration", "U0BOB", now, now.plusSeconds(7200)));
    assertTrue(freezes.at("anything", now.plusSeconds(60)).isPresent());

    List<AdHocFreeze> ended = adHoc.end(List.of(AdHocFreeze.ALL, "payments-deploy"), "U0ALICE", now.plusSeconds(600));

    assertEquals(1, ended.size(), "the one that was active");
    assertEquals("db migration", ended.getFirst().reason());
    assertEquals(Optional.empty(), freezes.at("anything", now.plusSeconds(601)));
    assertEquals(List.of(), adHoc.end(List.of(AdHocFreeze.ALL), "U0ALICE", now.plusSeconds(700)), "ended already");
  }

  @Test
  void givenTheCurrentFreezes_thenConfiguredThenAdHoc_withTheirPatterns() {
    Instant saturday = Instant.parse("2026-11-21T12:00:00Z");
    adHoc.put(new AdHocFreeze("static-site-publish", "launch", "U0BOB", saturday.minusSeconds(60),
        saturday.plusSeconds(60)));

    List<Freezes.Current> current = freezes.current(saturday);

    assertEquals(2, current.size());
    assertEquals(List.of("*-deploy"), current.get(0).pipelines());
    assertEquals("weekend", current.get(0).freeze().name());
    assertEquals(List.of("static-site-publish"), current.get(1).pipelines());
  }
}

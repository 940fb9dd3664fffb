package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.TeamsCard;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An approval's Teams card on its item, against dynalite: one poster at a time, recorded once, read back. */
class DynamoTeamsCardsTest {
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();
  private final Instant t0 = Instant.parse("2026-11-20T13:12:41Z");
  private DynamoApprovalStore store;
  private DynamoTeamsCards cards;
  private Approval approval;

  @BeforeEach
  void freshTable() {
    String table = dynamo.newTable();
    store = new DynamoApprovalStore(dynamo.client(), table, Optional.empty());
    cards = new DynamoTeamsCards(dynamo.client(), table);
    approval = Approval.pending(new ApprovalRequest("eu-west-1", "payments-deploy", "Approve", "ProductionGate",
        "token-1", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), t0,
        Optional.empty(), Optional.empty());
    store.create(approval, t0.plusSeconds(60));
  }

  @Test
  void givenTwoPosters_thenOneHoldsTheLeaseUntilItRunsOutOrIsGivenBack() {
    assertTrue(cards.claimPosting(approval.id(), t0, t0.plusSeconds(60)));
    assertFalse(cards.claimPosting(approval.id(), t0.plusSeconds(1), t0.plusSeconds(61)), "held");
    assertTrue(cards.claimPosting(approval.id(), t0.plusSeconds(60), t0.plusSeconds(120)), "ran out");
    cards.releasePosting(approval.id());
    assertTrue(cards.claimPosting(approval.id(), t0.plusSeconds(61), t0.plusSeconds(121)), "given back");
  }

  @Test
  void givenARecordedCard_thenTheApprovalCarriesItAndNobodyPostsAgain() {
    assertTrue(cards.claimPosting(approval.id(), t0, t0.plusSeconds(60)));
    TeamsCard card = new TeamsCard("https://smba.trafficmanager.net/emea/", "19:abc@thread.tacv2", "1763722992345");

    cards.record(approval.id(), card);
    cards.record(approval.id(), new TeamsCard("https://x/", "19:other@thread.tacv2", "2"));

    Approval stored = store.find(approval.id()).orElseThrow();
    assertEquals(Optional.of(card), stored.teamsCard(), "recorded once");
    assertTrue(stored.messageBehind() == false, "a PENDING card shows PENDING");
    assertFalse(cards.claimPosting(approval.id(), t0.plusSeconds(3600), t0.plusSeconds(3660)));
  }

  @Test
  void givenNoSuchApproval_thenNoLeaseIsTaken() {
    assertFalse(cards.claimPosting("apv-00000000000000000000000000000000", t0, t0.plusSeconds(60)));
  }
}

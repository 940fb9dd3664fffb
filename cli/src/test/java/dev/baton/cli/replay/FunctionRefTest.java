package dev.baton.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionRefTest {
  private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:baton-AlertsFunction-Q3xT";

  @Test
  void namesAndArnsWithOrWithoutAQualifier() {
    assertEquals(new FunctionRef("my-fn", "my-fn", Optional.empty()), FunctionRef.parse("my-fn"));
    assertEquals(new FunctionRef("my-fn", "my-fn", Optional.of("$LATEST")), FunctionRef.parse("my-fn:$LATEST"));
    assertEquals(new FunctionRef(ARN, "baton-AlertsFunction-Q3xT", Optional.of("live")),
        FunctionRef.parse(ARN + ":live"));
    assertEquals(new FunctionRef(ARN, "baton-AlertsFunction-Q3xT", Optional.empty()), FunctionRef.parse(ARN));
  }

  @Test
  void theDefaultAliasOnlyWhenNoneIsNamed() {
    assertEquals("my-fn:live", FunctionRef.parse("my-fn").orAt(Optional.of("live")).invokeName());
    assertEquals("my-fn:7", FunctionRef.parse("my-fn:7").orAt(Optional.of("live")).invokeName());
    assertEquals(ARN + ":live", FunctionRef.parse(ARN).orAt(Optional.of("live")).invokeName());
    assertEquals("my-fn", FunctionRef.parse("my-fn").orAt(Optional.empty()).invokeName());
  }

  @Test
  void theSameFunctionWhateverItsQualifierOrForm() {
    FunctionRef f = FunctionRef.parse("baton-AlertsFunction-Q3xT");
    assertTrue(f.sameFunction(ARN + ":live"));
    assertTrue(f.sameFunction(ARN + ":$LATEST"));
    assertFalse(f.sameFunction("arn:aws:lambda:eu-west-1:123456789012:function:baton-Other:live"));
    String queue = "arn:aws:sqs:eu-west-1:123456789012:a-queue";
    assertFalse(f.sameFunction(queue), "a rule's other kind of target");
    assertEquals(queue, FunctionRef.nameOf(queue));
  }

  @Test
  void somethingElseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> FunctionRef.parse("arn:aws:sqs:eu-west-1:123456789012:q"));
    assertThrows(IllegalArgumentException.class, () -> FunctionRef.parse(" "));
  }
}

package dev.baton.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every accessor takes its own JSON type only, and names the path of a field that has another. */
class JsonObjectTest {
  private static final JsonObject DOC = Json.parseObject("""
      {"detail": {"text": "payments-deploy", "number": 42, "float": 3.0, "fraction": 1.5, "flag": true,
                  "list": ["a", 7], "object": {"k": "v"}, "blank": " ", "nothing": null}}""").object("detail");

  private static String error(Function<JsonObject, Object> read) {
    return assertThrows(MalformedJsonException.class, () -> read.apply(DOC)).getMessage();
  }

  @Test
  void givenTheRightTypes_thenTheValuesAreRead() {
    assertEquals("payments-deploy", DOC.string("text"));
    assertEquals(Optional.of(42L), DOC.optLong("number"));
    assertEquals(Optional.of(3L), DOC.optLong("float"), "JSON has one number type: 3.0 is the whole number 3");
    assertEquals(Optional.of(true), DOC.optBoolean("flag"));
    assertEquals("v", DOC.object("object").string("k"));
    assertEquals(Optional.empty(), DOC.optString("nothing"), "null is absent");
    assertEquals(Optional.empty(), DOC.optString("absent"));
  }

  @Test
  void givenAnotherType_thenEveryAccessorRefusesItNamingThePath() {
    assertEquals("$.detail.number: expected a string, found a number", error(o -> o.string("number")));
    assertEquals("$.detail.number: expected a string, found a number", error(o -> o.optString("number")));
    assertEquals("$.detail.flag: expected a string, found a boolean", error(o -> o.string("flag")));
    assertEquals("$.detail.object: expected a string, found an object", error(o -> o.optString("object")));
    assertEquals("$.detail.list: expected a string, found an array", error(o -> o.string("list")));
    assertEquals("$.detail.text: expected a number, found a string", error(o -> o.optLong("text")));
    assertEquals("$.detail.fraction: expected a whole number", error(o -> o.optLong("fraction")));
    assertEquals("$.detail.number: expected true or false, found a number", error(o -> o.optBoolean("number")));
    assertEquals("$.detail.text: expected an object, found a string", error(o -> o.object("text")));
    assertEquals("$.detail.object: expected an array, found an object", error(o -> o.strings("object")));
    assertEquals("$.detail.list[1]: expected a string, found a number", error(o -> o.strings("list")));
    assertEquals("$.detail.list[0]: expected an object, found a string", error(o -> o.objects("list")));
  }

  @Test
  void givenAMissingNullOrBlankRequiredString_thenTheMessageSaysWhich() {
    assertEquals("$.detail.absent: missing", error(o -> o.string("absent")));
    assertEquals("$.detail.nothing: missing", error(o -> o.string("nothing")));
    assertEquals("$.detail.blank: must be a non-empty string", error(o -> o.string("blank")));
    assertEquals(List.of(), DOC.strings("absent"));
  }
}

package dev.baton.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {
  @Test
  void givenFields_thenTheyAreJoinedInOrderWithNamesAndValuesPercentEncoded() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("scope", "https://api.botframework.com/.default");
    fields.put("text", "release payments 1.4 & more");
    fields.put("a b", 3);
    fields.put("secret", "Qk~8Q~x=");

    assertEquals("scope=https%3A%2F%2Fapi.botframework.com%2F.default&text=release+payments+1.4+%26+more&a+b=3"
        + "&secret=Qk%7E8Q%7Ex%3D", FormBody.encode(fields));
  }

  @Test
  void givenNoFields_thenTheBodyIsEmpty() {
    assertEquals("", FormBody.encode(Map.of()));
  }
}

package dev.baton.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Function URL request (payload format 2.0) of events/function-url-slack-interaction.json. */
class FunctionUrlEventTest {
  private static Map<String, Object> sample() throws IOException {
    return new LinkedHashMap<>(Json.parseObject(Files.readString(Repo.root()
        .resolve("events/function-url-slack-interaction.json"))).asMap());
  }

  private static String refused(Map<String, Object> event) {
    return assertThrows(MalformedJsonException.class, () -> FunctionUrlEvent.parse(JsonObject.of(event)))
        .getMessage();
  }

  @Test
  void givenTheSample_thenMethodHeadersAndTheExactBodyBytesAreRead() throws IOException {
    Map<String, Object> sample = sample();
    FunctionUrlEvent e = FunctionUrlEvent.parse(JsonObject.of(sample));

    assertEquals("POST", e.method());
    assertEquals(Optional.of("application/x-www-form-urlencoded"), e.header("Content-Type"));
    byte[] expected = Boolean.TRUE.equals(sample.get("isBase64Encoded"))
        ? Base64.getDecoder().decode((String) sample.get("body")) : ((String) sample.get("body")).getBytes();
    assertArrayEquals(expected, e.body());
  }

  @Test
  void givenAFieldOfTheWrongJsonType_thenTheRequestIsRefusedNamingIt() throws IOException {
    Map<String, Object> numericHeader = sample();
    numericHeader.put("headers", Map.of("x-slack-request-timestamp", 1763644420L));
    assertEquals("$.headers.x-slack-request-timestamp: expected a string, found a number", refused(numericHeader));

    Map<String, Object> stringFlag = sample();
    stringFlag.put("isBase64Encoded", "true");
    assertEquals("$.isBase64Encoded: expected true or false, found a string", refused(stringFlag));

    Map<String, Object> objectBody = sample();
    objectBody.put("body", Map.of("payload", "{}"));
    assertEquals("$.body: expected a string, found an object", refused(objectBody));
  }
}

package dev.baton.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Baton's {@link Json} held to jackson-jr's answers (the library it replaced, kept here as the yardstick only):
 * every document jackson writes reads back to jackson's own values, everything Baton writes reads in jackson as the
 * value written, every event sample and config file in the repository reads the same, and what jackson refuses is
 * refused too.
 */
class JsonDifferentialTest {
  private static final Path ROOT = Path.of(System.getProperty("baton.root", "../.."));

  @Property(tries = 400)
  void readsWhatJacksonWrites(@ForAll("documents") Map<String, Object> document) throws IOException {
    String text = JSON.std.asString(document);
    assertEquals(JSON.std.anyFrom(text), Json.parseObject(text).asMap(), text);
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(JSON.std.anyFrom(text), Json.parseObject(new ByteArrayInputStream(utf8)).asMap(), text);
  }

  @Property(tries = 400)
  void writesWhatJacksonReads(@ForAll("documents") Map<String, Object> document) throws IOException {
    String text = Json.write(document);
    assertEquals(document, JSON.std.anyFrom(text), text);
    assertEquals(JSON.std.asString(document), text, "the same compact text as jackson");
  }

  @Test
  void readsEverySampleAndConfigAsJacksonDoes() throws IOException {
    List<Path> files;
    try (Stream<Path> events = Files.walk(ROOT.resolve("events")); Stream<Path> config = Files.walk(ROOT.resolve("config"))) {
      files = Stream.concat(events, config).filter(p -> p.toString().endsWith(".json")).toList();
    }
    assertTrue(files.size() > 20, "found only " + files.size() + " files");
    for (Path f : files) {
      String text = Files.readString(f);
      Object expected = JSON.std.anyFrom(text);
      if (expected instanceof Map) {
        assertEquals(expected, Json.parseObject(text).asMap(), f.toString());
      }
    }
  }

  @Test
  void refusesWhatJacksonRefuses() {
    String[] broken = {"", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{'a':1}", "{\"a\":01}",
        "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":Infinity}",
        "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"unclosed}", "{\"a\":[1,2}",
        "{\"a\":[1,]}", "{\"a\":\"tab\there\"}", "{\"a\":1 \"b\":2}", "{\"a\" 1}", "{\"a\":[1 2]}"};
    for (String text : broken) {
      boolean jacksonRefuses;
      try {
        JSON.std.anyFrom(text);
        jacksonRefuses = text.isBlank();   // jackson reads no content as null, which is not an object either
      } catch (IOException | RuntimeException e) {
        jacksonRefuses = true;
      }
      assertTrue(jacksonRefuses, "jackson accepts " + text);
      MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.parseObject(text), text);
      assertTrue(e.getMessage().startsWith("not valid JSON: ") || e.getMessage().startsWith("expected a JSON object"),
          e.getMessage());
    }
  }

  /** Stricter than jackson, which reads the first value and ignores what follows. */
  @Test
  void refusesContentAfterTheValue() throws IOException {
    for (String text : new String[] {"{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{\"a\":true} false"}) {
      assertEquals(Map.of("a", text.contains("true") ? true : 1), JSON.std.anyFrom(text));
      assertThrows(MalformedJsonException.class, () -> Json.parseObject(text), text);
    }
  }

  @Test
  void saysWhereTheInputIsBroken() {
    MalformedJsonException e = assertThrows(MalformedJsonException.class,
        () -> Json.parseObject("{\n  \"a\": 1,\n  \"b\": nope\n}"));
    assertEquals("not valid JSON: unexpected 'n' (line 3, column 8)", e.getMessage());
    assertEquals("not valid JSON: unexpected content after the value (line 1, column 4)",
        assertThrows(MalformedJsonException.class, () -> Json.parseObject("{} {}")).getMessage());
    assertEquals("expected a JSON object, found an array",
        assertThrows(MalformedJsonException.class, () -> Json.parseObject("[1]")).getMessage());
    assertEquals("not valid JSON: the input is not UTF-8", assertThrows(MalformedJsonException.class,
        () -> Json.parseObject(new ByteArrayInputStream(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'})))
        .getMessage());
  }

  @Test
  void aHostileBodyCannotExhaustTheStack() {
    String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> Json.parseObject(deep));
    assertTrue(e.getMessage().contains("nested more than 1000 deep"), e.getMessage());
    String ok = "{\"a\":" + "[".repeat(998) + "]".repeat(998) + "}";
    assertEquals(1, Json.parseObject(ok).asMap().size());
    String longNumber = "{\"a\":" + "9".repeat(1001) + "}";
    assertTrue(assertThrows(MalformedJsonException.class, () -> Json.parseObject(longNumber)).getMessage()
        .contains("a number longer than 1000 characters"));
  }

  @Test
  void numbersKeepTheirKindAndSize() {
    Map<String, Object> m = Json.parseObject("{\"i\":-2147483648,\"l\":2147483648,\"b\":-9223372036854775809,"
        + "\"max\":9223372036854775807,\"d\":1.5,\"e\":1E3,\"z\":-0,\"zf\":-0.0}").asMap();
    assertEquals(Integer.MIN_VALUE, m.get("i"));
    assertEquals(2147483648L, m.get("l"));
    assertEquals(new BigInteger("-9223372036854775809"), m.get("b"));
    assertEquals(Long.MAX_VALUE, m.get("max"));
    assertEquals(1.5, m.get("d"));
    assertEquals(1000.0, m.get("e"));
    assertEquals(0, m.get("z"));
    assertEquals(-0.0, m.get("zf"));
  }

  @Test
  void writesOnlyWhatJsonHas() {
    assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u001F/é€\uD83D\uDE00\",\"e\":\"SECONDS\",\"o\":[1,null,2.5]}",
        Json.write(ordered("s", "a\"b\\c\n\u0001\u001f/é€\uD83D\uDE00", "n", null, "e",
            java.util.concurrent.TimeUnit.SECONDS, "o", java.util.Optional.of(java.util.Arrays.asList(1, null, 2.5)), "none", java.util.Optional.empty())));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object())));
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Provide
  Arbitrary<Map<String, Object>> documents() {
    return objects(3);
  }

  private static Arbitrary<Map<String, Object>> objects(int depth) {
    return Arbitraries.maps(names(), values(depth, false)).ofMaxSize(5).map(LinkedHashMap::new);
  }

  /** Nulls only in arrays: a map entry whose value is null is left out when written (as jackson does). */
  private static Arbitrary<Object> values(int depth, boolean orNull) {
    List<Arbitrary<?>> choices = new ArrayList<>(List.of(texts(), Arbitraries.integers(),
        Arbitraries.longs().filter(l -> l != (int) (long) l), Arbitraries.bigIntegers()
            .between(BigInteger.TWO.pow(63), BigInteger.TWO.pow(90)),
        Arbitraries.doubles().ofScale(6).filter(d -> d != Math.rint(d)), Arbitraries.of(true, false)));
    if (orNull) {
      choices.add(Arbitraries.just(null));
    }
    if (depth > 0) {
      choices.add(objects(depth - 1));
      choices.add(values(depth - 1, true).list().ofMaxSize(4).map(ArrayList::new));
    }
    return Arbitraries.oneOf(choices.stream().map(a -> a.map(v -> (Object) v)).toList());
  }

  private static Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars('"', '\\', '/', '€', '\u2028')
        .ofMaxLength(20);
  }
}

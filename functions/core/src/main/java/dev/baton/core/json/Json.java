package dev.baton.core.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one shared JSON reader and writer: plain maps, lists, strings, numbers and booleans ({@link JsonReader},
 * {@link JsonWriter}). Baton's own, with no JSON library in the functions' zips: jackson-jr and jackson-core cost
 * about 65 ms of CPU at each cold start and 0.6 MB per zip ({@code docs/performance.md}), for what these two small
 * classes do. {@code JsonDifferentialTest} holds them to jackson's answers.
 */
public final class Json {
  private Json() {}

  /**
   * Parses a JSON object from UTF-8 bytes; anything else (an array, a string, broken JSON, bytes that are not
   * UTF-8) is a {@link MalformedJsonException}.
   */
  public static JsonObject parseObject(InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JSON input", e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedJsonException("not valid JSON: the input is not UTF-8", e);
    }
    return parseObject(text);
  }

  public static JsonObject parseObject(String text) {
    return wrap(JsonReader.read(text));
  }

  /** {@code value} as compact JSON (see {@link JsonWriter} for the types it takes). */
  public static String write(Object value) {
    return JsonWriter.write(value);
  }

  @SuppressWarnings("unchecked")
  private static JsonObject wrap(Object parsed) {
    if (parsed instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map, "$");
    }
    throw new MalformedJsonException("expected a JSON object, found " + (parsed == null ? "nothing" : describe(parsed)));
  }

  static String describe(Object value) {
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof java.util.List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "null";
  }
}

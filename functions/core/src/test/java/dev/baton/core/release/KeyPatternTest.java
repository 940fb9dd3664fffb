package dev.baton.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyPatternTest {
  @Test
  void givenSegmentCaptures_thenEachCapturesOneSegment() {
    KeyPattern p = KeyPattern.compile("releases/{app}/{version}/*.zip");

    assertEquals(Optional.of(Map.of("app", "payments", "version", "1.4.2")),
        p.match("releases/payments/1.4.2/payments-1.4.2.zip"));
    assertEquals(Optional.empty(), p.match("releases/payments/extra/1.4.2/p.zip"), "{version} is one segment");
    assertEquals(Optional.empty(), p.match("releases/payments/1.4.2/sub/p.zip"), "* stays within a segment");
    assertEquals(Optional.empty(), p.match("releases/payments/1.4.2/p.tar.gz"));
    assertEquals(Optional.empty(), p.match("Releases/payments/1.4.2/p.zip"), "keys are case-sensitive");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "releases/my app/1.0 beta/my app.zip | my app | 1.0 beta",
      "releases/a+b/1.0+build.7/x.zip       | a+b    | 1.0+build.7",
      "releases/café/2.0/ünïcødé ✓.zip      | café   | 2.0",
      "releases/100%/v%20/x.zip             | 100%   | v%20",
      "releases/(app)/[1]/{x}.zip           | (app)  | [1]",
  })
  void givenTrickyKeys_thenTheyMatchLiterally(String key, String app, String version) {
    Map<String, String> captures = KeyPattern.compile("releases/{app}/{version}/*.zip").match(key).orElseThrow();

    assertEquals(app, captures.get("app"));
    assertEquals(version, captures.get("version"));
  }

  @Test
  void givenMultiSegmentCaptureAndDoubleStar_thenTheyCrossSegments() {
    assertEquals(Optional.of(Map.of("path", "team/a/b/c")),
        KeyPattern.compile("deep/{path+}/artifact.zip").match("deep/team/a/b/c/artifact.zip"));
    assertTrue(KeyPattern.compile("site/**.tar.gz").match("site/2026/11/20/bundle.tar.gz").isPresent());
    assertTrue(KeyPattern.compile("site/**.tar.gz").match("site/bundle.tar.gz").isPresent());
    assertTrue(KeyPattern.compile("a.b/*.zip").match("aXb/x.zip").isEmpty(), "regex characters are literal");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "releases/{app/x.zip       | never closed",
      "releases/app}/x.zip       | no matching",
      "releases/{}/x.zip         | is not a capture",
      "releases/{1app}/x.zip     | is not a capture",
      "releases/{a}/{a}/x.zip    | appears twice",
      "releases/{object}/x.zip   | reserved",
  })
  void givenBadPatterns_thenTheErrorSaysWhy(String pattern, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyPattern.compile(pattern));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}

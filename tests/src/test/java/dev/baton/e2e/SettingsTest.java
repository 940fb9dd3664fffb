package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's "Settings" tables list every stack parameter (with the template's default) and every environment variable
 * the functions read or the template sets, and nothing that does not exist.
 */
class SettingsTest {
  private static final SamTemplate TEMPLATE = SamTemplate.load();
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** The rows of the section's tables: first cell's names in backticks to the row's cells. */
  private static Map<String, List<String>> rows(String firstHeader) {
    String readme = read(Repo.root().resolve("README.md"));
    int start = readme.indexOf("\n## Settings\n");
    assertTrue(start >= 0, "README.md has a section \"## Settings\"");
    int end = readme.indexOf("\n## ", start + 1);
    List<String> lines = readme.substring(start, end < 0 ? readme.length() : end).lines().toList();
    Map<String, List<String>> out = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : lines) {
      if (line.startsWith("| " + firstHeader + " |")) {
        inTable = true;
      } else if (!line.startsWith("|")) {
        inTable = false;
      } else if (inTable && !line.startsWith("|---")) {
        List<String> cells = Stream.of(line.substring(1, line.length() - 1).split(" \\| ")).map(String::strip)
            .toList();
        Matcher names = CODE.matcher(cells.getFirst());
        while (names.find()) {
          out.put(names.group(1), cells);
        }
      }
    }
    assertTrue(!out.isEmpty(), "README.md's Settings has a table headed \"" + firstHeader + "\"");
    return out;
  }

  @Test
  void givenTheTemplate_thenEveryParameterIsListedWithItsDefault_andNoOther() {
    Map<String, List<String>> documented = rows("parameter");
    Map<String, Object> parameters = TEMPLATE.parameters();

    assertEquals(new TreeSet<>(parameters.keySet()), new TreeSet<>(documented.keySet()),
        "README.md, Settings: the parameters table lists the template's parameters");
    parameters.forEach((name, p) -> {
      Object def = SamTemplate.asMap(p).get("Default");
      String cell = documented.get(name).get(1);
      String expected = def == null ? "none: required" : def.toString().isEmpty() ? "empty" : "`" + def + "`";
      assertTrue(cell.startsWith(expected), name + ": default " + expected + " in README.md, not " + cell);
    });
  }

  @Test
  void givenTheFunctionsAndTheTemplate_thenEveryVariableTheyReadOrSetIsListed_andEachListedOneIsRead() {
    Set<String> documented = rows("environment variable").keySet();
    Set<String> read = new TreeSet<>(variablesInSources());
    Set<String> set = new TreeSet<>(variablesInTemplate());

    for (String name : read) {
      assertTrue(documented.contains(name), name + " is read by a function but not in README.md's Settings");
    }
    for (String name : set) {
      assertTrue(documented.contains(name), name + " is set by template.yaml but not in README.md's Settings");
    }
    for (String name : documented) {
      assertTrue(read.contains(name) || name.startsWith("AWS_ENDPOINT_URL"),
          name + " is in README.md's Settings, but no function reads it");
    }
  }

  /** Names the functions' sources read: {@code "BATON_..."} literals and every {@code System.getenv("...")}. */
  private static Set<String> variablesInSources() {
    Set<String> names = new TreeSet<>();
    Pattern literal = Pattern.compile("\"(BATON_[A-Z0-9_]+)\"|getenv\\(\"([A-Z0-9_]+)\"\\)");
    try (Stream<Path> files = Files.walk(Repo.root().resolve("functions"))) {
      files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).forEach(f -> {
        Matcher m = literal.matcher(read(f));
        while (m.find()) {
          names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(names.contains("BATON_TABLE") && names.contains("AWS_REGION"), names::toString);
    return names;
  }

  private static Set<String> variablesInTemplate() {
    Set<String> names = new TreeSet<>();
    Map<String, Object> globals = SamTemplate.asMap(SamTemplate.asMap(TEMPLATE.root().get("Globals")).get("Function"));
    names.addAll(variables(globals));
    for (String id : TEMPLATE.functionIds()) {
      names.addAll(variables(SamTemplate.asMap(TEMPLATE.resource(id).get("Properties"))));
    }
    assertTrue(names.contains("BATON_TABLE"), names::toString);
    return names;
  }

  private static Set<String> variables(Map<String, Object> properties) {
    return SamTemplate.asMap(SamTemplate.asMap(properties.get("Environment")).get("Variables")).keySet();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.baton.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as data. CloudFormation short-form intrinsics ({@code !Ref X}, {@code !Sub ...}, {@code !GetAtt a.b},
 * ...) are read as their long form ({@code {Ref: X}}, {@code {Fn::Sub: ...}}), so the result is the template as
 * CloudFormation sees it.
 */
public final class SamTemplate {
  private final Map<String, Object> root;

  private SamTemplate(Map<String, Object> root) {
    this.root = root;
  }

  /**
   * Reads {@code file} and holds it to CloudFormation's rules ({@link TemplateRules}): a template CloudFormation
   * would refuse is refused here too, with every violation listed.
   */
  public static SamTemplate load(Path file) {
    SamTemplate template = parse(file);
    List<String> violations = TemplateRules.check(template);
    if (!violations.isEmpty()) {
      throw new TemplateException(file, violations);
    }
    return template;
  }

  /** template.yaml of this checkout, checked ({@link #load(Path)}). */
  public static SamTemplate load() {
    return load(Repo.root().resolve("template.yaml"));
  }

  /** Reads {@code file} as it is, unchecked (for the checks themselves). */
  public static SamTemplate parse(Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads template text as it is, unchecked. */
  public static SamTemplate parse(String yamlText) {
    return parse(new java.io.StringReader(yamlText));
  }

  private static SamTemplate parse(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    Object root = new Yaml(new IntrinsicConstructor(options)).load(reader);
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException("Template format error: a template is a YAML or JSON object, not " + root);
    }
    return new SamTemplate(asMap(root));
  }

  public Map<String, Object> root() {
    return root;
  }

  public Map<String, Object> resources() {
    return asMap(root.get("Resources"));
  }

  public Map<String, Object> parameters() {
    return asMap(root.getOrDefault("Parameters", Map.of()));
  }

  public Map<String, Object> conditions() {
    return section("Conditions");
  }

  public Map<String, Object> rules() {
    return section("Rules");
  }

  public Map<String, Object> outputs() {
    return section("Outputs");
  }

  /** A top-level section as a mapping (empty when absent; a section that is no mapping is a violation elsewhere). */
  Map<String, Object> section(String name) {
    return root.get(name) instanceof Map<?, ?> ? asMap(root.get(name)) : Map.of();
  }

  /** {@code Globals.Function}: what SAM merges into every AWS::Serverless::Function. */
  Map<String, Object> functionGlobals() {
    return section("Globals").get("Function") instanceof Map<?, ?> m ? asMap(m) : Map.of();
  }

  public Map<String, Object> resource(String logicalId) {
    Object r = resources().get(logicalId);
    if (r == null) {
      throw new IllegalArgumentException("template.yaml has no resource " + logicalId + "; it has " + resources().keySet());
    }
    return asMap(r);
  }

  /** Logical ids of the AWS::Serverless::Function resources. */
  public List<String> functionIds() {
    List<String> ids = new ArrayList<>();
    resources().forEach((id, r) -> {
      if ("AWS::Serverless::Function".equals(asMap(r).get("Type"))) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** A function's settings with {@code Globals.Function} applied, as SAM applies them. */
  public SamFunction function(String logicalId) {
    Map<String, Object> resource = resource(logicalId);
    if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
      throw new IllegalArgumentException(logicalId + " is not an AWS::Serverless::Function");
    }
    Map<String, Object> props = new LinkedHashMap<>();
    Map<String, Object> globals = functionGlobals();
    props.putAll(globals);
    Map<String, Object> own = asMap(resource.getOrDefault("Properties", Map.of()));
    props.putAll(own);
    Map<String, Object> env = new LinkedHashMap<>();
    env.putAll(variables(globals));
    env.putAll(variables(own));
    Object memory = props.getOrDefault("MemorySize", 128);
    Object timeout = props.getOrDefault("Timeout", 3);
    return new SamFunction(logicalId, (String) props.get("Handler"), (String) props.get("CodeUri"),
        (String) props.get("Runtime"), memory instanceof Integer i ? i : 1024,
        timeout instanceof Integer t ? t : 3, env, props);
  }

  private static Map<String, Object> variables(Map<String, Object> props) {
    return asMap(asMap(props.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
  }

  /**
   * A value of this template as the deployed stack would have it, in the local account and region ({@link LocalStack}):
   * literals as they are, {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub} resolved. {@code names} gives
   * parameters their values and resources their physical names; other parameters take their defaults.
   */
  public String resolve(Object value, Map<String, String> names) {
    return new Intrinsics(this, LocalStack.REGION, names).resolveString(value);
  }

  /** Visits {@code node} and everything in it, depth first. */
  public static void walk(Object node, java.util.function.Consumer<Object> visit) {
    visit.accept(node);
    if (node instanceof Map<?, ?> m) {
      m.values().forEach(v -> walk(v, visit));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> walk(v, visit));
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object o) {
    if (o == null) {
      return Map.of();
    }
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException("expected a mapping, found " + o);
    }
    return (Map<String, Object>) o;
  }

  /** One function as the template declares it. */
  public record SamFunction(String logicalId, String handler, String codeUri, String runtime, int memoryMb,
                            int timeoutSeconds, Map<String, Object> environment, Map<String, Object> properties) {

    /**
     * The environment as plain strings, as the deployed stack would set it: literals as they are, intrinsics
     * ({@code !Ref Table}, {@code !GetAtt Topic.Arn}, {@code !Sub ...}) resolved by {@code intrinsics}.
     */
    Map<String, String> resolveEnvironment(Intrinsics intrinsics) {
      Map<String, String> out = new LinkedHashMap<>();
      environment.forEach((name, value) -> {
        try {
          out.put(name, intrinsics.resolveString(value));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(logicalId + ": environment variable " + name + ": " + e.getMessage(), e);
        }
      });
      return out;
    }
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      for (String fn : List.of("Ref", "Condition")) {
        register(fn, fn);
      }
      for (String fn : List.of("Sub", "GetAtt", "If", "Join", "Split", "Select", "Equals", "Not", "And", "Or",
          "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "ToJsonString", "Length")) {
        register(fn, "Fn::" + fn);
      }
    }

    private void register(String tag, String key) {
      yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          Object value;
          if (node instanceof ScalarNode s) {
            value = s.getValue();
            if (key.equals("Fn::GetAtt")) {
              value = List.of(s.getValue().split("\\.", 2));
            }
          } else if (node instanceof SequenceNode seq) {
            value = constructSequence(seq);
          } else {
            value = constructMapping((MappingNode) node);
          }
          return Map.of(key, value);
        }
      });
    }
  }
}

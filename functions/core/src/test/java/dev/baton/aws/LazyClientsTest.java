package dev.baton.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.sns.SnsAlertSender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The functions' DynamoDB, CodePipeline, SNS and EventBridge clients are built on their first call, not when a handler starts; a
 * call then goes out as from any client; and every operation Baton's code calls on them is one they pass on.
 */
class LazyClientsTest {
  @RegisterExtension static final LocalWireMock aws = new LocalWireMock();

  @AfterEach
  void forgetEndpoint() {
    System.clearProperty("aws.endpointUrl");
  }

  @Test
  void givenTheFunctionsClients_thenNoneIsBuiltBeforeItsFirstCall_andClosingOneBuildsNothing() {
    List<Object> clients = List.of(DynamoClients.defaultClient(), CodePipelineStarter.defaultClient(),
        SnsAlertSender.defaultClient(), EventBridgePublisher.defaultClient());
    for (Object c : clients) {
      LazyClient<?> lazy = (LazyClient<?>) c;
      assertFalse(lazy.isBuilt(), c.getClass().getSimpleName());
      lazy.close();
      assertFalse(lazy.isBuilt(), c.getClass().getSimpleName() + " after close");
    }
    assertEquals(DynamoDbClient.SERVICE_NAME, ((DynamoDbClient) clients.get(0)).serviceName());
    assertFalse(((LazyClient<?>) clients.get(0)).isBuilt(), "serviceName() builds nothing");
  }

  @Test
  void givenALazyDynamoClient_whenCalledTwice_thenItIsBuiltOnceAndBothRequestsGoOutWithTheStandardEndpoint() {
    System.setProperty("aws.endpointUrl", aws.endpoint().toString());
    aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{\"Item\":{\"n\":{\"N\":\"1\"}}}")));
    DynamoDbClient dynamo = DynamoClients.defaultClient();

    Map<String, AttributeValue> first = dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))))
        .item();
    assertTrue(((LazyClient<?>) dynamo).isBuilt());
    dynamo.updateItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))).updateExpression("SET n = :n")
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("2"))));
    dynamo.close();

    assertEquals("1", first.get("n").n());
    aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.GetItem")));
    aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("DynamoDB_20120810.UpdateItem")));
  }

  @Test
  void everyOperationBatonsCodeCallsOnALazyClient_isOneItPassesOn() throws IOException {
    Map<Class<?>, String> lazy = Map.of(DynamoDbClient.class, "dev.baton.aws.dynamodb.LazyDynamoDbClient",
        CodePipelineClient.class, "dev.baton.aws.codepipeline.LazyCodePipelineClient",
        SnsClient.class, "dev.baton.aws.sns.LazySnsClient",
        EventBridgeClient.class, "dev.baton.aws.eventbridge.LazyEventBridgeClient");
    String bytecode = disassembledMainClasses();
    for (var e : lazy.entrySet()) {
      Set<String> called = calls(bytecode, e.getKey());
      Set<String> passedOn = declaredMethods(e.getValue());
      Set<String> missing = new TreeSet<>(called);
      missing.removeAll(passedOn);
      assertFalse(called.isEmpty(), "no call to " + e.getKey().getSimpleName() + " found: is the scan broken?");
      assertTrue(missing.isEmpty(), e.getValue() + " must pass on " + missing + " (called by Baton's code), or the "
          + "call fails with the interface's UnsupportedOperationException");
    }
  }

  /** Names of the instance methods of {@code client} that Baton's main classes call. */
  private static Set<String> calls(String bytecode, Class<?> client) {
    Pattern call = Pattern.compile("invokeinterface .*// InterfaceMethod " + client.getName().replace('.', '/')
        + "\\.(\\w+):");
    Set<String> names = new TreeSet<>();
    for (Matcher m = call.matcher(bytecode); m.find(); ) {
      names.add(m.group(1));
    }
    names.remove("close");
    return names;
  }

  private static Set<String> declaredMethods(String className) {
    try {
      return Arrays.stream(Class.forName(className).getDeclaredMethods()).map(Method::getName)
          .collect(Collectors.toSet());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static String disassembledMainClasses() throws IOException {
    Path classes = Path.of("target", "classes");
    List<String> args;
    try (Stream<Path> walk = Files.walk(classes)) {
      args = Stream.concat(Stream.of("-c", "-p"), walk.filter(p -> p.toString().endsWith(".class"))
          .map(Path::toString)).toList();
    }
    StringWriter out = new StringWriter();
    int rc = ToolProvider.findFirst("javap").orElseThrow().run(new PrintWriter(out), new PrintWriter(System.err),
        args.toArray(String[]::new));
    assertEquals(0, rc, "javap failed");
    return out.toString();
  }
}

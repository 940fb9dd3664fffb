package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.local.LocalStack;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every network call a function makes, by kind: a WireMock proxy in front of dynalite journals the DynamoDB
 * operations (the function reaches it through {@code AWS_ENDPOINT_URL_DYNAMODB}, the SDK's standard setting), and the
 * stack's WireMocks journal the other AWS services, EventBridge and Slack. Kinds read {@code dynamodb:GetItem},
 * {@code codepipeline:PutApprovalResult}, {@code secretsmanager:GetSecretValue}, {@code sns:Publish},
 * {@code lambda:Invoke}, {@code events:PutEvents}, {@code slack:chat.update}.
 */
final class CallJournal implements AutoCloseable {
  private final LocalStack stack;
  private final WireMockServer dynamo;

  CallJournal(LocalStack stack) {
    this.stack = stack;
    this.dynamo = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    dynamo.start();
    dynamo.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(stack.dynamoEndpoint().toString())));
  }

  /** The environment override that sends a function's DynamoDB calls through the journal. */
  Map<String, String> environment() {
    return Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamo.port());
  }

  /** Forgets the calls journaled so far. */
  void reset() {
    dynamo.resetRequests();
    stack.wiremock().resetRequests();
    stack.eventBridge().resetRequests();
  }

  /** The calls since the last {@link #reset}, counted by kind (sorted by kind). */
  Map<String, Integer> calls() {
    Map<String, Integer> counts = new TreeMap<>();
    for (String kind : kinds()) {
      counts.merge(kind, 1, Integer::sum);
    }
    return counts;
  }

  int total() {
    return kinds().size();
  }

  private List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    dynamo.getAllServeEvents().forEach(e -> kinds.add(kind(e.getRequest())));
    stack.wiremock().getAllServeEvents().forEach(e -> kinds.add(kind(e.getRequest())));
    stack.eventBridge().getAllServeEvents().forEach(e -> kinds.add(kind(e.getRequest())));
    return kinds;
  }

  static String kind(LoggedRequest r) {
    String url = r.getUrl();
    if (url.startsWith("/slack/api/")) {
      return "slack:" + url.substring("/slack/api/".length());
    }
    if (url.startsWith("/2015-03-31/functions/")) {
      return "lambda:Invoke";
    }
    String target = r.getHeader("X-Amz-Target");
    if (target != null && target.contains(".")) {
      String service = target.substring(0, target.indexOf('.'));
      String operation = target.substring(target.indexOf('.') + 1);
      return switch (service) {
        case "DynamoDB_20120810" -> "dynamodb:" + operation;
        case "CodePipeline_20150709" -> "codepipeline:" + operation;
        case "secretsmanager" -> "secretsmanager:" + operation;
        case "AWSEvents" -> "events:" + operation;
        default -> service + ":" + operation;
      };
    }
    for (String pair : r.getBodyAsString().split("&")) {
      if (pair.startsWith("Action=")) {
        return "sns:" + URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
      }
    }
    return r.getMethod() + " " + url;
  }

  @Override
  public void close() {
    dynamo.stop();
  }
}

package dev.baton.cli.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.cli.CliRun;
import dev.baton.local.LocalSqs;
import dev.baton.local.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The AWS side of {@code ./baton replay} on loopback: {@link LocalSqs} playing SQS, and one WireMock playing Lambda
 * and CloudFormation. The command's SDK clients reach them through the SDK's standard endpoint settings (the
 * {@code aws.endpointUrl<Service>} system properties, the in-process twins of {@code AWS_ENDPOINT_URL_<SERVICE>}).
 */
final class StandIns implements AutoCloseable {
  private static final List<String> ENDPOINTS = List.of("aws.endpointUrlSqs", "aws.endpointUrlLambda",
      "aws.endpointUrlCloudFormation");

  final LocalSqs sqs = LocalSqs.start();
  final WireMockServer aws = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
      .dynamicPort());

  StandIns() {
    aws.start();
    System.setProperty(ENDPOINTS.get(0), sqs.endpoint());
    System.setProperty(ENDPOINTS.get(1), "http://127.0.0.1:" + aws.port());
    System.setProperty(ENDPOINTS.get(2), "http://127.0.0.1:" + aws.port());
  }

  /** Lambda's asynchronous Invoke of any function. */
  static MappingBuilder invoke() {
    return post(urlPathMatching("/2015-03-31/functions/[^/]+/invocations"));
  }

  /** Lambda accepts every asynchronous invocation (202, as it does once the event is queued). */
  void lambdaAccepts() {
    aws.stubFor(invoke().willReturn(aResponse().withStatus(202)));
  }

  List<LoggedRequest> invocations() {
    return aws.findAll(postRequestedFor(urlPathMatching("/2015-03-31/functions/[^/]+/invocations")));
  }

  /** Runs {@code baton replay args...} in this JVM, with {@code command} (its confirmation and clock). */
  static CliRun replay(ReplayCommand command, String... args) {
    return CliRun.of(command, args);
  }

  /** A sample of events/, the files `./baton invoke -e` and `sam local invoke -e` take too. */
  static String sample(String name) {
    try {
      return Files.readString(Repo.root().resolve("events").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ENDPOINTS.forEach(System::clearProperty);
    aws.stop();
    sqs.close();
  }
}

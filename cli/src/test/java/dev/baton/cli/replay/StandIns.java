package dev.baton.cli.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.local.LocalSqs;
import dev.baton.local.Repo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import picocli.CommandLine;

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

  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** Runs {@code baton replay args...} in this JVM, with {@code command} (its confirmation and clock). */
  static Run replay(ReplayCommand command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = new CommandLine(command);
      cli.setErr(new java.io.PrintWriter(System.err, true));
      int exit = cli.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
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

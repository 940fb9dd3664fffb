package dev.baton.cli;

import java.util.function.ToIntFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkException;

import dev.baton.aws.dynamodb.DynamoHistoryReader;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Which Baton table a reader command reads: the deployed one with the default AWS credentials and region (profile,
 * environment, SSO, ...), or a local stand-in with {@code --endpoint-url}.
 */
final class TableOptions {
  @Option(names = "--table", description = "the Baton table (the stack's TableName output); default: $BATON_TABLE")
  String table;

  @Option(names = "--endpoint-url", description = "a DynamoDB-compatible endpoint, e.g. the local dynalite "
      + "(http://127.0.0.1:8000); loopback endpoints need no AWS credentials")
  URI endpointUrl;

  @Mixin
  AwsOptions aws = new AwsOptions();

  String tableName() {
    return Optional.ofNullable(table).or(() -> Optional.ofNullable(System.getenv("BATON_TABLE")))
        .filter(t -> !t.isBlank())
        .orElseThrow(() -> new IllegalArgumentException(
            "which table? pass --table (the stack's TableName output) or set BATON_TABLE"));
  }

  DynamoDbClient client() {
    DynamoDbClientBuilder b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
    if (aws.region() != null) {
      b.region(Region.of(aws.region()));
    } else if (endpointUrl != null && System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null) {
      b.region(Region.EU_WEST_1);
    }
    AwsCredentialsProvider credentials = aws.profile() == null ? DefaultCredentialsProvider.builder().build()
        : DefaultCredentialsProvider.builder().profileName(aws.profile()).build();
    if (endpointUrl != null) {
      b.endpointOverride(endpointUrl);
      String host = endpointUrl.getHost();
      if ("127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host)) {
        credentials = AwsCredentialsProviderChain.of(credentials,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
      }
    }
    return b.credentialsProvider(credentials).build();
  }

  DynamoHistoryReader reader(DynamoDbClient client) {
    return new DynamoHistoryReader(client, tableName());
  }

  /**
   * Runs {@code work} against the table and closes the client. A bad option is a usage error (picocli prints it with
   * the usage); an AWS error is reported as {@code baton <command>: ...} and exit code 2.
   */
  int read(CommandSpec spec, ToIntFunction<DynamoHistoryReader> work) {
    try (DynamoDbClient client = client()) {
      return work.applyAsInt(reader(client));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (SdkException e) {
      System.err.println(spec.qualifiedName() + ": " + e.getMessage());
      return 2;
    }
  }
}

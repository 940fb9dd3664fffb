package dev.baton.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointParams;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointParams;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointParams;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointProvider;

/**
 * The endpoints {@link RegionalEndpoints} names are the SDK's own answers: for every region the SDK knows (and a few
 * it does not yet), each service's URL is the one its default endpoint provider gives with FIPS and dual-stack off,
 * or none is named and the SDK decides. A configured endpoint, FIPS or dual-stack always leaves it to the SDK.
 */
class RegionalEndpointsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  private static List<Region> regions() {
    List<Region> out = new ArrayList<>(Region.regions());
    out.addAll(List.of(Region.of("eu-south-9"), Region.of("mx-central-1"), Region.of("cn-northwest-1"),
        Region.of("us-gov-east-1"), Region.of("us-iso-east-1"), Region.of("eusc-de-east-1"), Region.of("aws-global"),
        Region.of("local")));
    return out;
  }

  @Test
  void everyNamedEndpointIsTheSdksOwnAnswer() {
    DynamoDbEndpointProvider dynamo = DynamoDbEndpointProvider.defaultProvider();
    CodePipelineEndpointProvider pipelines = CodePipelineEndpointProvider.defaultProvider();
    EventBridgeEndpointProvider events = EventBridgeEndpointProvider.defaultProvider();
    SnsEndpointProvider sns = SnsEndpointProvider.defaultProvider();
    Map<String, Function<Region, URI>> sdk = Map.of(
        "dynamodb", r -> dynamo.resolveEndpoint(DynamoDbEndpointParams.builder().region(r).useFips(false)
            .useDualStack(false).build()).join().url(),
        "codepipeline", r -> pipelines.resolveEndpoint(CodePipelineEndpointParams.builder().region(r)
            .useFips(false).useDualStack(false).build()).join().url(),
        "events", r -> events.resolveEndpoint(EventBridgeEndpointParams.builder().region(r).useFips(false)
            .useDualStack(false).build()).join().url(),
        "sns", r -> sns.resolveEndpoint(SnsEndpointParams.builder().region(r).useFips(false).useDualStack(false)
            .build()).join().url());
    int named = 0;
    for (Region region : regions()) {
      for (Map.Entry<String, Function<Region, URI>> service : sdk.entrySet()) {
        Optional<URI> ours = RegionalEndpoints.of(service.getKey(), region, NO_ENV, new Properties());
        if (ours.isPresent()) {
          named++;
          assertEquals(service.getValue().apply(region), ours.get(), service.getKey() + " in " + region);
        }
      }
    }
    assertTrue(named >= 4 * 25, "named only " + named + " endpoints");
    assertEquals(Optional.empty(), RegionalEndpoints.of("dynamodb", Region.CN_NORTH_1, NO_ENV, new Properties()));
    assertEquals(Optional.empty(), RegionalEndpoints.of("sns", Region.US_GOV_WEST_1, NO_ENV, new Properties()));
  }

  @Test
  void aConfiguredEndpointFipsOrDualStackIsLeftToTheSdk() {
    for (String variable : List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SNS",
        "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT")) {
      assertEquals(Optional.empty(), RegionalEndpoints.of("dynamodb", Region.EU_WEST_1, Map.of(variable, "x"),
          new Properties()), variable);
    }
    for (String property : List.of("aws.endpointUrl", "aws.endpointUrlDynamoDb", "aws.useFipsEndpoint",
        "aws.useDualstackEndpoint")) {
      Properties p = new Properties();
      p.setProperty(property, "x");
      assertEquals(Optional.empty(), RegionalEndpoints.of("dynamodb", Region.EU_WEST_1, NO_ENV, p), property);
    }
    assertEquals(Optional.of(URI.create("https://dynamodb.eu-west-1.amazonaws.com")),
        RegionalEndpoints.of("dynamodb", Region.EU_WEST_1, Map.of("AWS_REGION", "eu-west-1"), new Properties()));
  }

  @Test
  void theClientsOfTheFunctionsServicesGetTheirEndpointOthersNone() {
    assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("AWS_ENDPOINT_URL")),
        "an AWS_ENDPOINT_URL* variable is set for this test run");
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
    try (DynamoDbClient dynamo = RegionalEndpoints.apply(DynamoDbClient.builder(), Region.EU_CENTRAL_1)
        .region(Region.EU_CENTRAL_1).credentialsProvider(credentials).build();
        SecretsManagerClient secrets = RegionalEndpoints.apply(SecretsManagerClient.builder(), Region.EU_CENTRAL_1)
            .region(Region.EU_CENTRAL_1).credentialsProvider(credentials).build()) {
      assertEquals(Optional.of(URI.create("https://dynamodb.eu-central-1.amazonaws.com")),
          dynamo.serviceClientConfiguration().endpointOverride());
      assertEquals(Optional.empty(), secrets.serviceClientConfiguration().endpointOverride());
    }
  }
}

package dev.baton.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointParams;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointProvider;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointParams;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointProvider;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointParams;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointProvider;

/**
 * {@link RegionalEndpoints} gives the SDK's answer, whatever the settings: for every region the SDK knows (and a few
 * it does not), FIPS and dual-stack on, off and unset, with and without an {@code AWS_ENDPOINT_URL*} override, and
 * for DynamoDB every account-id setting. Compared on the whole {@link Endpoint} (URL, headers, auth-scheme
 * attributes), or on the error when the SDK refuses the combination.
 */
class RegionalEndpointsTest {
  private static final Boolean[] FLAGS = {null, false, true};
  private static final String[] OVERRIDES = {null, "http://127.0.0.1:8000", "https://vpce-0abc.dynamodb.eu-west-1.vpce.amazonaws.com"};

  private static List<Region> regions() {
    List<Region> out = new ArrayList<>(Region.regions());
    out.addAll(List.of(Region.of("eu-south-9"), Region.of("mx-central-1"), Region.of("cn-northwest-1"),
        Region.of("us-gov-east-1"), Region.of("us-iso-east-1"), Region.of("aws-global"), Region.of("local")));
    return out;
  }

  @Test
  void dynamoDbAnswersAsTheSdkDoes() {
    DynamoDbEndpointProvider sdk = DynamoDbEndpointProvider.defaultProvider();
    DynamoDbEndpointProvider ours = RegionalEndpoints.dynamoDb();
    int fast = 0;
    for (Region region : regions()) {
      for (Boolean fips : FLAGS) {
        for (Boolean dual : FLAGS) {
          for (String override : OVERRIDES) {
            for (String account : new String[] {null, "123456789012"}) {
              for (String mode : new String[] {null, "preferred", "disabled", "required"}) {
                DynamoDbEndpointParams p = DynamoDbEndpointParams.builder().region(region).useFips(fips)
                    .useDualStack(dual).endpoint(override).accountId(account).accountIdEndpointMode(mode).build();
                fast += same(p, sdk::resolveEndpoint, ours::resolveEndpoint);
              }
            }
          }
        }
      }
      DynamoDbEndpointParams arn = DynamoDbEndpointParams.builder().region(region)
          .resourceArn("arn:aws:dynamodb:" + region.id() + ":123456789012:table/baton").build();
      same(arn, sdk::resolveEndpoint, ours::resolveEndpoint);
    }
    assertTrue(fast > 100, "the fast path answered only " + fast + " combinations");
  }

  @Test
  void codePipelineAnswersAsTheSdkDoes() {
    CodePipelineEndpointProvider sdk = CodePipelineEndpointProvider.defaultProvider();
    CodePipelineEndpointProvider ours = RegionalEndpoints.codePipeline();
    each((region, fips, dual, override) -> same(CodePipelineEndpointParams.builder().region(region).useFips(fips)
        .useDualStack(dual).endpoint(override).build(), sdk::resolveEndpoint, ours::resolveEndpoint));
  }

  @Test
  void eventBridgeAnswersAsTheSdkDoes() {
    EventBridgeEndpointProvider sdk = EventBridgeEndpointProvider.defaultProvider();
    EventBridgeEndpointProvider ours = RegionalEndpoints.eventBridge();
    each((region, fips, dual, override) -> {
      int fast = same(EventBridgeEndpointParams.builder().region(region).useFips(fips).useDualStack(dual)
          .endpoint(override).build(), sdk::resolveEndpoint, ours::resolveEndpoint);
      same(EventBridgeEndpointParams.builder().region(region).useFips(fips).useDualStack(dual).endpoint(override)
          .endpointId("abcde.veo").build(), sdk::resolveEndpoint, ours::resolveEndpoint);
      return fast;
    });
  }

  @Test
  void snsAnswersAsTheSdkDoes() {
    SnsEndpointProvider sdk = SnsEndpointProvider.defaultProvider();
    SnsEndpointProvider ours = RegionalEndpoints.sns();
    each((region, fips, dual, override) -> same(SnsEndpointParams.builder().region(region).useFips(fips)
        .useDualStack(dual).endpoint(override).build(), sdk::resolveEndpoint, ours::resolveEndpoint));
  }

  @Test
  void theCommonCasesTakeTheFastPath() {
    Endpoint e = RegionalEndpoints.answer("dynamodb", Region.EU_CENTRAL_1, null, null, null, true,
        () -> { throw new AssertionError("the SDK's provider was asked"); }).join();
    assertEquals("https://dynamodb.eu-central-1.amazonaws.com", e.url().toString());
    Endpoint local = RegionalEndpoints.answer("codepipeline", Region.US_EAST_1, false, false, "http://127.0.0.1:9",
        true, () -> { throw new AssertionError("the SDK's provider was asked"); }).join();
    assertEquals("http://127.0.0.1:9", local.url().toString());
    int[] asked = {0};
    RegionalEndpoints.answer("sns", Region.CN_NORTH_1, null, null, null, true, () -> {
      asked[0]++;
      return CompletableFuture.completedFuture(null);
    });
    assertEquals(1, asked[0], "a region outside the aws partition goes to the SDK");
  }

  interface Case {
    int run(Region region, Boolean fips, Boolean dual, String override);
  }

  private static void each(Case c) {
    int fast = 0;
    for (Region region : regions()) {
      for (Boolean fips : FLAGS) {
        for (Boolean dual : FLAGS) {
          for (String override : OVERRIDES) {
            fast += c.run(region, fips, dual, override);
          }
        }
      }
    }
    assertTrue(fast > 100, "the fast path answered only " + fast + " combinations");
  }

  /** Asserts both answers are alike; 1 when the answer is a plain endpoint (the fast path's kind), else 0. */
  private static <P> int same(P params, Function<P, CompletableFuture<Endpoint>> sdk,
      Function<P, CompletableFuture<Endpoint>> ours) {
    String expected = outcome(params, sdk);
    assertEquals(expected, outcome(params, ours), "for " + params);
    return expected.startsWith("endpoint") && !expected.contains("attributes=[a") ? 1 : 0;
  }

  private static <P> String outcome(P params, Function<P, CompletableFuture<Endpoint>> provider) {
    try {
      Endpoint e = provider.apply(params).join();
      return "endpoint " + e.url() + " headers=" + e.headers() + " attributes=" + Arrays.toString(attributes(e));
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "error " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
  }

  private static Object[] attributes(Endpoint e) {
    return new Object[] {
        e.attribute(software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute.AUTH_SCHEMES),
        e.attribute(software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute.METRIC_VALUES)};
  }
}

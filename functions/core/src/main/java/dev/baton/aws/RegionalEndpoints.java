package dev.baton.aws;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import dev.baton.core.runtime.Lazy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClientBuilder;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointParams;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointParams;
import software.amazon.awssdk.services.eventbridge.endpoints.EventBridgeEndpointProvider;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointParams;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointProvider;

/**
 * Endpoint providers that answer the common case without the SDK's endpoint rules engine, and hand every other case
 * to the SDK's own provider.
 *
 * <p>Each SDK v2 service client resolves its endpoint on every call through a generated rules engine of its own
 * (its {@code endpoints.internal} package, plus the partitions data it parses). Loading and running that engine is
 * the largest single piece of a client's first call: about 95&nbsp;ms of CPU for DynamoDB in a fresh JVM, whether or
 * not {@code AWS_ENDPOINT_URL_*} names the endpoint ({@code bench/endpoints.sh}). The functions only ever need two
 * answers, and they are the same answers the rules give:
 * <ul>
 *   <li>the endpoint named by the SDK's standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>}
 *       settings (the client passes it in as the {@code Endpoint} parameter), when neither FIPS nor dual-stack is
 *       asked for;</li>
 *   <li>otherwise {@code https://<prefix>.<region>.amazonaws.com} for a region of the commercial {@code aws}
 *       partition, with FIPS and dual-stack off.</li>
 * </ul>
 * Anything else (another partition, FIPS, dual-stack, DynamoDB's account-based endpoints, EventBridge global
 * endpoints) goes to the SDK's default provider, built the first time it is needed. {@code RegionalEndpointsTest}
 * holds the answers to the SDK's for every region the SDK knows and every combination of the settings.
 */
public final class RegionalEndpoints {
  /** The region names of the {@code aws} partition, as its {@code regionRegex} in the SDK's partitions data. */
  private static final Pattern COMMERCIAL = Pattern.compile("^(us|eu|ap|sa|ca|me|af|il|mx)-\\w+-\\d+$");

  private RegionalEndpoints() {}

  /** {@code builder} with the fast endpoint provider of its service, where Baton has one; else unchanged. */
  public static <B extends AwsClientBuilder<B, ?>> B apply(B builder) {
    if (builder instanceof DynamoDbClientBuilder b) {
      b.endpointProvider(dynamoDb());
    } else if (builder instanceof CodePipelineClientBuilder b) {
      b.endpointProvider(codePipeline());
    } else if (builder instanceof EventBridgeClientBuilder b) {
      b.endpointProvider(eventBridge());
    } else if (builder instanceof SnsClientBuilder b) {
      b.endpointProvider(sns());
    }
    return builder;
  }

  public static DynamoDbEndpointProvider dynamoDb() {
    Supplier<DynamoDbEndpointProvider> sdk = sdk(DynamoDbEndpointProvider::defaultProvider);
    return p -> answer("dynamodb", p.region(), p.useFips(), p.useDualStack(), p.endpoint(),
        p.accountId() == null && p.resourceArn() == null && p.resourceArnList() == null
            && !"required".equals(p.accountIdEndpointMode()),
        () -> sdk.get().resolveEndpoint(p));
  }

  public static CodePipelineEndpointProvider codePipeline() {
    Supplier<CodePipelineEndpointProvider> sdk = sdk(CodePipelineEndpointProvider::defaultProvider);
    return p -> answer("codepipeline", p.region(), p.useFips(), p.useDualStack(), p.endpoint(), true,
        () -> sdk.get().resolveEndpoint(p));
  }

  public static EventBridgeEndpointProvider eventBridge() {
    Supplier<EventBridgeEndpointProvider> sdk = sdk(EventBridgeEndpointProvider::defaultProvider);
    return p -> answer("events", p.region(), p.useFips(), p.useDualStack(), p.endpoint(), p.endpointId() == null,
        () -> sdk.get().resolveEndpoint(p));
  }

  public static SnsEndpointProvider sns() {
    Supplier<SnsEndpointProvider> sdk = sdk(SnsEndpointProvider::defaultProvider);
    return p -> answer("sns", p.region(), p.useFips(), p.useDualStack(), p.endpoint(), true,
        () -> sdk.get().resolveEndpoint(p));
  }

  /**
   * The fast answer, or the SDK's. {@code plain} says the service's own parameters (account ids, global endpoints)
   * leave the common case alone.
   */
  static CompletableFuture<Endpoint> answer(String prefix, Region region, Boolean fips, Boolean dualStack,
      String override, boolean plain, Supplier<CompletableFuture<Endpoint>> sdk) {
    boolean standard = plain && !Boolean.TRUE.equals(fips) && !Boolean.TRUE.equals(dualStack);
    if (standard && override != null) {
      return CompletableFuture.completedFuture(Endpoint.builder().url(URI.create(override)).build());
    }
    if (standard && region != null && COMMERCIAL.matcher(region.id()).matches()) {
      return CompletableFuture.completedFuture(
          Endpoint.builder().url(URI.create("https://" + prefix + "." + region.id() + ".amazonaws.com")).build());
    }
    return sdk.get();
  }

  private static <P> Supplier<P> sdk(Supplier<P> factory) {
    return Lazy.of(factory);
  }
}

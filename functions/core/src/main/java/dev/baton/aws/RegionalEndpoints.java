package dev.baton.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The regional endpoint of a service, named to its client up front, where the SDK's endpoint rules would only
 * arrive at the same URL by a longer way.
 *
 * <p>Without an endpoint override, an SDK v2 client works its endpoint out through the service's generated rules
 * engine, which loads and parses the SDK's partitions data on the way. With an override the rules stop at their first
 * branch. Measured with {@code bench/endpoints.sh} (a cold JVM building the DynamoDB and CodePipeline clients and
 * making one call each, answered in the process): about 200&nbsp;ms of CPU more without an override. So when the
 * answer is certain, Baton names it: {@code https://<prefix>.<region>.amazonaws.com} for a region of the commercial
 * {@code aws} partition, when neither FIPS nor dual-stack endpoints are asked for. Everything else is left to the
 * SDK: a configured endpoint ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>} or their {@code aws.*}
 * system properties: the stand-ins' and the tests' way in), another partition, FIPS, dual-stack.
 * {@code RegionalEndpointsTest} holds the URLs to the SDK's own answers for every region it knows.
 */
public final class RegionalEndpoints {
  /** The region names of the {@code aws} partition, as its {@code regionRegex} in the SDK's partitions data. */
  private static final Pattern COMMERCIAL = Pattern.compile("^(us|eu|ap|sa|ca|me|af|il|mx)-\\w+-\\d+$");

  private RegionalEndpoints() {}

  /** The endpoint prefixes of the services Baton's functions call through SDK clients, by the client's package. */
  private static final Map<String, String> PREFIXES = Map.of(
      "software.amazon.awssdk.services.dynamodb", "dynamodb",
      "software.amazon.awssdk.services.codepipeline", "codepipeline",
      "software.amazon.awssdk.services.eventbridge", "events",
      "software.amazon.awssdk.services.sns", "sns");

  /**
   * {@code builder} with its service's regional endpoint in {@code region} named, where {@link #of} has one; any
   * other service's builder unchanged. By package name, so a zip without one of the services still loads this.
   */
  public static <B extends AwsClientBuilder<B, ?>> B apply(B builder, Region region) {
    String prefix = PREFIXES.get(builder.getClass().getPackageName());
    if (prefix != null) {
      of(prefix, region, System.getenv(), System.getProperties()).ifPresent(builder::endpointOverride);
    }
    return builder;
  }

  /**
   * The endpoint to name for a service ({@code dynamodb}, {@code codepipeline}, {@code events}, {@code sns}) in
   * {@code region}, given the process's environment and system properties; empty where the SDK should decide.
   */
  static Optional<URI> of(String endpointPrefix, Region region, Map<String, String> env, Properties properties) {
    for (String name : env.keySet()) {
      if (name.startsWith("AWS_ENDPOINT_URL") || name.equals("AWS_USE_FIPS_ENDPOINT")
          || name.equals("AWS_USE_DUALSTACK_ENDPOINT")) {
        return Optional.empty();
      }
    }
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith("aws.endpointUrl") || name.equals("aws.useFipsEndpoint")
          || name.equals("aws.useDualstackEndpoint")) {
        return Optional.empty();
      }
    }
    if (!COMMERCIAL.matcher(region.id()).matches()) {
      return Optional.empty();
    }
    return Optional.of(URI.create("https://" + endpointPrefix + "." + region.id() + ".amazonaws.com"));
  }
}

package dev.baton.aws;

import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The credentials provider for what Lambda gives the function, chosen once from its environment instead of trying
 * the default chain's sources one by one on the first call:
 * <ul>
 *   <li>SnapStart: Lambda provides no key variables but {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
 *       {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} (Lambda Developer Guide, "Activating and managing Lambda
 *       SnapStart", SnapStart and AWS SDKs): the container provider, which fetches from that URI and refreshes before
 *       the credentials expire, also after a restore;</li>
 *   <li>otherwise the execution role's keys in {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 *       {@code AWS_SESSION_TOKEN};</li>
 *   <li>neither (outside Lambda): the SDK's default chain, resolved on the first call.</li>
 * </ul>
 * Nothing here reads a profile file or calls anything; the container provider fetches on the first call.
 */
public final class LambdaCredentials {
  /** Where the credentials come from. */
  public enum Source { CONTAINER, ENVIRONMENT, DEFAULT_CHAIN }

  private LambdaCredentials() {}

  /** The source the environment {@code env} (a variable's value, or null) calls for. */
  public static Source source(UnaryOperator<String> env) {
    if (set(env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI"))) {
      return Source.CONTAINER;
    }
    if (set(env.apply("AWS_ACCESS_KEY_ID")) && set(env.apply("AWS_SECRET_ACCESS_KEY"))) {
      return Source.ENVIRONMENT;
    }
    return Source.DEFAULT_CHAIN;
  }

  /** A provider for {@link #source}. */
  public static AwsCredentialsProvider provider(UnaryOperator<String> env) {
    return switch (source(env)) {
      case CONTAINER -> ContainerCredentialsProvider.builder().build();
      case ENVIRONMENT -> EnvironmentVariableCredentialsProvider.create();
      case DEFAULT_CHAIN -> DefaultCredentialsProvider.builder().build();
    };
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }
}

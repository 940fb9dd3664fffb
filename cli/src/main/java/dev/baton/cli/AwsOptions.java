package dev.baton.cli;

import picocli.CommandLine.Option;

/** {@code --region} and {@code --profile}, for the commands that reach AWS from the user's machine. */
public final class AwsOptions {
  @Option(names = "--region", description = "AWS region; default: the AWS SDK's (AWS_REGION, profile)")
  String region;

  @Option(names = "--profile", description = "AWS profile; default: the AWS SDK's ($AWS_PROFILE, default)")
  String profile;

  /** The region given, or null for the SDK's default. */
  public String region() {
    return region;
  }

  /** The profile given, or null for the SDK's default. */
  public String profile() {
    return profile;
  }
}

package dev.baton.cli.replay;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * A deployed stack's resources by logical id (CloudFormation DescribeStackResource): the physical id of an SQS queue
 * is its URL, that of a Lambda function its name.
 */
final class StackResources {
  private final CloudFormationClient cloudFormation;
  private final String stack;

  StackResources(CloudFormationClient cloudFormation, String stack) {
    this.cloudFormation = cloudFormation;
    this.stack = stack;
  }

  /** Whether the stack has {@code logicalId} (a resource the template creates only on a condition may be absent). */
  boolean has(String logicalId) {
    try {
      physicalId(logicalId);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  String physicalId(String logicalId) {
    try {
      return cloudFormation.describeStackResource(b -> b.stackName(stack).logicalResourceId(logicalId))
          .stackResourceDetail().physicalResourceId();
    } catch (SdkException e) {
      throw new IllegalArgumentException("cannot find " + logicalId + " in stack " + stack + ": "
          + AwsErrors.describe("CloudFormation DescribeStackResource", e), e);
    }
  }
}

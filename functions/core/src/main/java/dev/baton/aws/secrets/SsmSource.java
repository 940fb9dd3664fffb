package dev.baton.aws.secrets;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** GetParameter with decryption of an SSM SecureString parameter; plain String parameters are refused. */
final class SsmSource implements SecretSource {
  private final SsmClient client;

  SsmSource(SsmClient client) {
    this.client = client;
  }

  @Override
  public String fetch(SecretReference reference) {
    Parameter p;
    try {
      p = client.getParameter(b -> b.name(reference.id()).withDecryption(true)).parameter();
    } catch (ParameterNotFoundException e) {
      throw new SecretException("SSM parameter " + reference + " does not exist (ParameterNotFound)");
    } catch (AwsServiceException e) {
      throw new SecretException("cannot read SSM parameter " + reference + ": " + SecretsManagerSource.code(e), e);
    }
    if (p == null || p.value() == null) {
      throw new SecretException("SSM answered GetParameter for " + reference + " without a value");
    }
    if (p.type() != ParameterType.SECURE_STRING) {
      throw new SecretException("SSM parameter " + reference + " is a " + p.typeAsString()
          + " parameter; secrets must be SecureString (aws ssm put-parameter --type SecureString ...)");
    }
    return p.value();
  }
}

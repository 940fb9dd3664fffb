package dev.baton.aws.secrets;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** GetSecretValue (the AWSCURRENT version) of a Secrets Manager secret that holds text. */
final class SecretsManagerSource implements SecretSource {
  private final SecretsManagerClient client;

  SecretsManagerSource(SecretsManagerClient client) {
    this.client = client;
  }

  @Override
  public String fetch(SecretReference reference) {
    GetSecretValueResponse r;
    try {
      r = client.getSecretValue(b -> b.secretId(reference.id()));
    } catch (ResourceNotFoundException e) {
      throw new SecretException("Secrets Manager secret " + reference + " does not exist (ResourceNotFoundException)");
    } catch (AwsServiceException e) {
      throw new SecretException("cannot read Secrets Manager secret " + reference + ": " + code(e), e);
    }
    if (r.secretString() == null) {
      throw new SecretException("Secrets Manager secret " + reference + " holds binary data; store it as text (JSON)");
    }
    return r.secretString();
  }

  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "HTTP " + e.statusCode()
        : e.awsErrorDetails().errorCode() + " (HTTP " + e.statusCode() + ")";
  }
}

package dev.baton.aws.secrets;

import dev.baton.aws.LeanAwsClient;
import dev.baton.core.json.MalformedJsonException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** GetSecretValue (the AWSCURRENT version) of a Secrets Manager secret that holds text. */
final class SecretsManagerSource implements SecretSource {
  private final LeanAwsClient client;

  SecretsManagerSource(LeanAwsClient client) {
    this.client = client;
  }

  @Override
  public String fetch(SecretReference reference) {
    Optional<String> text;
    try {
      text = client.json11("secretsmanager.GetSecretValue", Map.of("SecretId", reference.id()))
          .optString("SecretString");
    } catch (AwsServiceException e) {
      if ("ResourceNotFoundException".equals(errorCode(e))) {
        throw new SecretException("Secrets Manager secret " + reference + " does not exist (ResourceNotFoundException)");
      }
      throw new SecretException("cannot read Secrets Manager secret " + reference + ": " + code(e), e);
    } catch (SdkClientException | MalformedJsonException e) {
      throw new SecretException("cannot read Secrets Manager secret " + reference + ": " + e.getMessage(), e);
    }
    if (text.isEmpty()) {
      throw new SecretException("Secrets Manager secret " + reference + " holds binary data; store it as text (JSON)");
    }
    return text.get();
  }

  static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  static String code(AwsServiceException e) {
    return errorCode(e) == null ? "HTTP " + e.statusCode() : errorCode(e) + " (HTTP " + e.statusCode() + ")";
  }
}

package dev.baton.aws.secrets;

import dev.baton.aws.LeanAwsClient;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** GetParameter with decryption of an SSM SecureString parameter; plain String parameters are refused. */
final class SsmSource implements SecretSource {
  private final LeanAwsClient client;

  SsmSource(LeanAwsClient client) {
    this.client = client;
  }

  @Override
  public String fetch(SecretReference reference) {
    Optional<JsonObject> p;
    try {
      p = client.json11("AmazonSSM.GetParameter", Map.of("Name", reference.id(), "WithDecryption", true))
          .optObject("Parameter");
    } catch (AwsServiceException e) {
      if ("ParameterNotFound".equals(SecretsManagerSource.errorCode(e))) {
        throw new SecretException("SSM parameter " + reference + " does not exist (ParameterNotFound)");
      }
      throw new SecretException("cannot read SSM parameter " + reference + ": " + SecretsManagerSource.code(e), e);
    } catch (SdkClientException | MalformedJsonException e) {
      throw new SecretException("cannot read SSM parameter " + reference + ": " + e.getMessage(), e);
    }
    Optional<String> value = p.flatMap(x -> x.optString("Value"));
    if (value.isEmpty()) {
      throw new SecretException("SSM answered GetParameter for " + reference + " without a value");
    }
    String type = p.get().optString("Type").orElse("(no type)");
    if (!type.equals("SecureString")) {
      throw new SecretException("SSM parameter " + reference + " is a " + type
          + " parameter; secrets must be SecureString (aws ssm put-parameter --type SecureString ...)");
    }
    return value.get();
  }
}

import dev.baton.aws.AwsClients;
import dev.baton.aws.RegionalEndpoints;
import dev.baton.aws.priming.PrimingHttpClient;
import java.lang.management.ManagementFactory;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One fresh JVM's first DynamoDB call (client built, UpdateItem) and then its first CodePipeline call (client built,
 * PutApprovalResult), the click's two SDK clients: left to the SDK's endpoint rules ({@code sdk regional}, as before
 * {@link RegionalEndpoints}) or with the regional endpoint named by {@link RegionalEndpoints} ({@code baton
 * regional}); {@code override} names a local endpoint as {@code AWS_ENDPOINT_URL} does for the stand-ins and the
 * peer benchmark. Everything else as {@link AwsClients} sets it. The requests are marshalled, signed and answered in
 * the process ({@link PrimingHttpClient}), so only the client side is measured. Prints "cpu_us thread_cpu_us calls": the
 * process's CPU (JIT threads included) and the calling thread's across both calls, and the calls answered.
 */
public final class EndpointsBench {
  public static void main(String[] args) {
    boolean baton = args[0].equals("baton");
    boolean override = args[1].equals("override");
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    long cpu0 = os.getProcessCpuTime();
    long thread0 = threads.getCurrentThreadCpuTime();
    PrimingHttpClient http = new PrimingHttpClient((request, body) -> PrimingHttpClient.Answer.json("{}"));
    DynamoDbClient dynamo = build(DynamoDbClient.builder(), baton, override, http);
    dynamo.updateItem(b -> b.tableName("baton").key(Map.of("pk", AttributeValue.fromS("APPROVAL#1"),
        "sk", AttributeValue.fromS("APPROVAL"))).updateExpression("SET #s = :s")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("APPROVED"))));
    CodePipelineClient pipelines = build(CodePipelineClient.builder(), baton, override, http);
    pipelines.putApprovalResult(b -> b.pipelineName("payments").stageName("Prod").actionName("Approve")
        .token("t").result(r -> r.status("Approved").summary("ok")));
    long thread1 = threads.getCurrentThreadCpuTime();
    long cpu1 = os.getProcessCpuTime();
    System.out.println((cpu1 - cpu0) / 1000 + " " + (thread1 - thread0) / 1000 + " " + http.answered());
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
      boolean baton, boolean override, PrimingHttpClient http) {
    if (baton) {
      RegionalEndpoints.apply(builder, AwsClients.region());
    }
    if (override) {
      builder.endpointOverride(java.net.URI.create("http://127.0.0.1:8000"));
    }
    return builder.region(AwsClients.region())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .httpClient(http).overrideConfiguration(AwsClients.overrides()).build();
  }
}

import dev.baton.aws.RegionalEndpoints;
import java.lang.management.ManagementFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointParams;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointProvider;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * One fresh JVM's first endpoint resolutions, as a function's first DynamoDB call and then its first CodePipeline
 * call make them: the SDK's default providers ({@code sdk}) or {@link RegionalEndpoints} ({@code baton}), in the
 * region only ({@code regional}) or with an {@code AWS_ENDPOINT_URL*} override ({@code override}). Prints
 * "cpu_us thread_cpu_us url url": the process's CPU (JIT threads included) and the calling thread's, across both.
 */
public final class EndpointsBench {
  public static void main(String[] args) {
    boolean baton = args[0].equals("baton");
    String override = args[1].equals("override") ? "http://127.0.0.1:8000" : null;
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    long cpu0 = os.getProcessCpuTime();
    long thread0 = threads.getCurrentThreadCpuTime();
    DynamoDbEndpointProvider dynamo = baton ? RegionalEndpoints.dynamoDb() : DynamoDbEndpointProvider.defaultProvider();
    String a = dynamo.resolveEndpoint(DynamoDbEndpointParams.builder().region(Region.US_EAST_1).endpoint(override)
        .accountIdEndpointMode("preferred").build()).join().url().toString();
    CodePipelineEndpointProvider pipelines =
        baton ? RegionalEndpoints.codePipeline() : CodePipelineEndpointProvider.defaultProvider();
    String b = pipelines.resolveEndpoint(CodePipelineEndpointParams.builder().region(Region.US_EAST_1)
        .endpoint(override).build()).join().url().toString();
    long thread1 = threads.getCurrentThreadCpuTime();
    long cpu1 = os.getProcessCpuTime();
    System.out.println((cpu1 - cpu0) / 1000 + " " + (thread1 - thread0) / 1000 + " " + a + " " + b);
  }
}

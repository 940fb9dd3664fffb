import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.baton.aws.lambda.FunctionUrlEvent;
import dev.baton.core.approval.ApprovalNotifications;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.log.Log;
import dev.baton.core.release.S3Events;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One cold measurement per process, driven by {@code bench/event-parsing.sh}: reads one sample from {@code events/},
 * turns it into what the handler needs, and prints on stderr {@code wall_us cpu_ms result} where wall is from the
 * driver's timestamp just before {@code exec} ({@code -Dbench.t0}, epoch microseconds) to "parsed", and cpu is the
 * process's user+sys from {@code /proc/self/stat} at that point (10 ms ticks). The result is a value read out of the
 * event, so the run fails loudly if a variant did not really parse it.
 *
 * <p>Variants: {@code lean} (Baton's {@code Json} and the shape readers the handlers use),
 * {@code events} (aws-lambda-java-events types deserialized by aws-lambda-java-serialization, as the managed runtime
 * does for a {@code RequestHandler<SNSEvent, ?>}; the payloads inside an envelope still parsed with Baton's
 * {@code Json}, as a handler would have to), {@code baton-log} (one structured line through {@code core/log/Log}),
 * {@code log4j-json} (one structured line through SLF4J, log4j-slf4j2-impl and log4j's JsonTemplateLayout: the
 * stack Powertools 2.x logging-log4j sits on), {@code bare} (the JVM floor: read the file, print one line).
 */
public final class EventParsingBench {
  public static void main(String[] args) throws Exception {
    String variant = args[0];
    String shape = args.length > 1 ? args[1] : "";
    Path file = Path.of(args.length > 2 ? args[2] : "events/sns-approval-notification.json");
    String result = switch (variant) {
      case "lean" -> lean(shape, file);
      case "events" -> events(shape, file);
      case "baton-log" -> batonLog();
      case "log4j-json" -> log4jJson();
      case "bare" -> String.valueOf(Files.readAllBytes(file).length);
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    };
    long wallUs = System.currentTimeMillis() * 1000 - Long.parseLong(System.getProperty("bench.t0"));
    String[] stat = Files.readString(Path.of("/proc/self/stat")).replaceFirst("^.*\\) ", "").split(" ");
    long cpuMs = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10; // fields 14, 15: utime, stime
    if (result == null || result.isEmpty()) {
      throw new IllegalStateException(variant + " " + shape + " read nothing out of " + file);
    }
    System.err.println(wallUs + " " + cpuMs + " " + result);
  }

  private static String lean(String shape, Path file) throws Exception {
    JsonObject event;
    try (InputStream in = new FileInputStream(file.toFile())) {
      event = Json.parseObject(in);
    }
    return switch (shape) {
      case "sns" -> ApprovalNotifications.parse(event).get(0).request().token();
      case "s3", "eventbridge-s3" -> S3Events.uploads(event).get(0).versionId().orElseThrow();
      case "url" -> {
        FunctionUrlEvent request = FunctionUrlEvent.parse(event);
        yield request.method() + " " + request.header("x-slack-signature").orElse("") + " " + request.body().length;
      }
      case "sqs" -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) ((List<Object>) event.asMap().get("Records")).get(0);
        yield Json.parseObject((String) record.get("body")).object("requestContext").string("condition");
      }
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
  }

  private static String events(String shape, Path file) throws Exception {
    ClassLoader cl = EventParsingBench.class.getClassLoader();
    try (InputStream in = new FileInputStream(file.toFile())) {
      return switch (shape) {
        case "sns" -> {
          SNSEvent e = LambdaEventSerializers.serializerFor(SNSEvent.class, cl).fromJson(in);
          yield Json.parseObject(e.getRecords().get(0).getSNS().getMessage()).object("approval").string("token");
        }
        case "s3" -> {
          S3Event e = LambdaEventSerializers.serializerFor(S3Event.class, cl).fromJson(in);
          yield e.getRecords().get(0).getS3().getObject().getVersionId();
        }
        case "eventbridge-s3" -> {
          ScheduledEvent e = LambdaEventSerializers.serializerFor(ScheduledEvent.class, cl).fromJson(in);
          yield String.valueOf(((Map<?, ?>) e.getDetail().get("object")).get("version-id"));
        }
        case "url" -> {
          APIGatewayV2HTTPEvent e = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, cl).fromJson(in);
          byte[] body = e.getIsBase64Encoded() ? java.util.Base64.getDecoder().decode(e.getBody())
              : e.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          yield e.getRequestContext().getHttp().getMethod() + " " + e.getHeaders().get("x-slack-signature") + " "
              + body.length;
        }
        case "sqs" -> {
          SQSEvent e = LambdaEventSerializers.serializerFor(SQSEvent.class, cl).fromJson(in);
          yield Json.parseObject(e.getRecords().get(0).getBody()).object("requestContext").string("condition");
        }
        default -> throw new IllegalArgumentException("unknown shape " + shape);
      };
    }
  }

  private static String batonLog() {
    Log.info("release started", "pipeline", "web-prod", "executionId", "a1b2c3d4-5678-90ab-cdef-111122223333",
        "rule", "web");
    return "logged";
  }

  private static String log4jJson() {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.baton.release");
    org.slf4j.MDC.put("pipeline", "web-prod");
    org.slf4j.MDC.put("executionId", "a1b2c3d4-5678-90ab-cdef-111122223333");
    org.slf4j.MDC.put("rule", "web");
    log.info("release started");
    return "logged";
  }
}

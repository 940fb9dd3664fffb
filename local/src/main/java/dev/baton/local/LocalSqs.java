package dev.baton.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * WireMock playing SQS (the JSON protocol the AWS SDK speaks: {@code X-Amz-Target: AmazonSQS.<Operation>}) for the
 * queues a test creates: ReceiveMessage hands out visible messages for their visibility timeout with a fresh
 * receipt handle each time, with the body and message-attribute MD5s SQS sends (the SDK checks them) and the
 * attributes the request asks for; DeleteMessage removes the message its current receipt handle names;
 * ChangeMessageVisibility moves its return. Every request stays in WireMock's journal ({@link #requests}), and a
 * test can stub a failure in front of the stand-in (stubs of priority below {@value #PRIORITY} win).
 */
public final class LocalSqs implements AutoCloseable {
  public static final String TARGET = "AmazonSQS.";
  static final int PRIORITY = 10;
  private static final String ACCOUNT_URL = "https://sqs." + LocalStack.REGION + ".amazonaws.com/"
      + LocalStack.ACCOUNT + "/";

  private final Queues queues = new Queues();
  private final WireMockServer wiremock;

  private LocalSqs() {
    wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
        .extensions(queues));
    wiremock.start();
    wiremock.stubFor(post(urlEqualTo("/")).atPriority(PRIORITY)
        .withHeader("X-Amz-Target", matching(TARGET.replace(".", "\\.") + ".+"))
        .willReturn(aResponse().withTransformers(Queues.NAME)));
  }

  public static LocalSqs start() {
    return new LocalSqs();
  }

  /** For {@code AWS_ENDPOINT_URL_SQS} (or the {@code aws.endpointUrlSqs} system property). */
  public String endpoint() {
    return "http://127.0.0.1:" + wiremock.port();
  }

  public WireMockServer wiremock() {
    return wiremock;
  }

  /** Creates an empty queue and returns its URL. */
  public String createQueue(String name) {
    String url = ACCOUNT_URL + name;
    synchronized (queues) {
      queues.byUrl.put(url, new ArrayList<>());
    }
    return url;
  }

  /** Sends a message as a producer would; returns its id. */
  public String send(String queueUrl, String body, Map<String, String> stringAttributes) {
    Map<String, Map<String, String>> attributes = new TreeMap<>();
    stringAttributes.forEach((k, v) -> attributes.put(k, Map.of("DataType", "String", "StringValue", v)));
    Stored m = new Stored(UUID.randomUUID().toString(), body, attributes, Instant.now().toEpochMilli());
    synchronized (queues) {
      queues.queue(queueUrl).add(m);
    }
    return m.id;
  }

  /**
   * Puts a message back as a ReceiveMessage answer showed it (a sample in events/): its id, body, message attributes
   * and sent time are kept; receipt handles and receive counts start afresh.
   */
  @SuppressWarnings("unchecked")
  public String park(String queueUrl, String receivedMessageJson) {
    Map<String, Object> m = Json.read(receivedMessageJson, Map.class);
    Map<String, Map<String, String>> attributes = new TreeMap<>();
    ((Map<String, Map<String, String>>) m.getOrDefault("MessageAttributes", Map.of())).forEach(attributes::put);
    Map<String, String> system = (Map<String, String>) m.getOrDefault("Attributes", Map.of());
    long sent = Long.parseLong(system.getOrDefault("SentTimestamp", String.valueOf(Instant.now().toEpochMilli())));
    synchronized (queues) {
      queues.queue(queueUrl).add(new Stored((String) m.get("MessageId"), (String) m.get("Body"), attributes, sent));
    }
    return (String) m.get("MessageId");
  }

  /** The ids of the messages in the queue, visible or not, oldest first. */
  public List<String> messageIds(String queueUrl) {
    synchronized (queues) {
      return queues.queue(queueUrl).stream().map(m -> m.id).toList();
    }
  }

  /** The ids of the messages a ReceiveMessage would hand out now. */
  public List<String> visibleIds(String queueUrl) {
    synchronized (queues) {
      long now = System.currentTimeMillis();
      return queues.queue(queueUrl).stream().filter(m -> m.invisibleUntil <= now).map(m -> m.id).toList();
    }
  }

  /** The requests of one operation (ReceiveMessage, DeleteMessage, ...), oldest first. */
  public List<LoggedRequest> requests(String operation) {
    return wiremock.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        WireMock.equalTo(TARGET + operation)));
  }

  /** The MD5 of a message's attributes as SQS computes it (sorted by name; length-prefixed name, type, value). */
  public static String md5OfAttributes(Map<String, Map<String, String>> attributes) {
    MessageDigest md5 = md5();
    new TreeMap<>(attributes).forEach((name, a) -> {
      boolean binary = a.get("DataType").startsWith("Binary");
      lengthPrefixed(md5, name.getBytes(StandardCharsets.UTF_8));
      lengthPrefixed(md5, a.get("DataType").getBytes(StandardCharsets.UTF_8));
      md5.update((byte) (binary ? 2 : 1));
      lengthPrefixed(md5, binary ? java.util.Base64.getDecoder().decode(a.get("BinaryValue"))
          : a.get("StringValue").getBytes(StandardCharsets.UTF_8));
    });
    return HexFormat.of().formatHex(md5.digest());
  }

  public static String md5OfBody(String body) {
    return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void lengthPrefixed(MessageDigest md5, byte[] bytes) {
    md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    md5.update(bytes);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    wiremock.stop();
  }

  private static final class Stored {
    final String id;
    final String body;
    final Map<String, Map<String, String>> attributes;
    final long sentTimestamp;
    int receives;
    String receiptHandle;
    long invisibleUntil;
    long firstReceived;

    Stored(String id, String body, Map<String, Map<String, String>> attributes, long sentTimestamp) {
      this.id = id;
      this.body = body;
      this.attributes = attributes;
      this.sentTimestamp = sentTimestamp;
    }
  }

  /** The queues' state and the SQS operations on it, answering the stand-in's catch-all stub. */
  private static final class Queues implements ResponseDefinitionTransformerV2 {
    static final String NAME = "baton-local-sqs";
    final Map<String, List<Stored>> byUrl = new LinkedHashMap<>();

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    List<Stored> queue(String url) {
      List<Stored> q = byUrl.get(url);
      if (q == null) {
        throw new IllegalArgumentException("no queue " + url + "; create it first");
      }
      return q;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized ResponseDefinition transform(ServeEvent event) {
      String operation = event.getRequest().getHeader("X-Amz-Target").substring(TARGET.length());
      Map<String, Object> in = Json.read(event.getRequest().getBodyAsString(), Map.class);
      List<Stored> q = byUrl.get(String.valueOf(in.get("QueueUrl")));
      if (q == null) {
        return error("QueueDoesNotExist", "The specified queue does not exist.");
      }
      long now = System.currentTimeMillis();
      return switch (operation) {
        case "ReceiveMessage" -> {
          List<Map<String, Object>> messages = receive(q, in, now);
          yield ok(messages.isEmpty() ? Map.of() : Map.of("Messages", messages));
        }
        case "DeleteMessage" -> withHandle(q, in, m -> q.remove(m));
        case "ChangeMessageVisibility" -> withHandle(q, in, m -> m.invisibleUntil = now
            + ((Number) in.get("VisibilityTimeout")).longValue() * 1000);
        default -> error("UnsupportedOperation", operation + " is not played by LocalSqs");
      };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> receive(List<Stored> q, Map<String, Object> in, long now) {
      int max = in.get("MaxNumberOfMessages") instanceof Number n ? n.intValue() : 1;
      long visibility = in.get("VisibilityTimeout") instanceof Number n ? n.longValue() : 30;
      List<String> system = (List<String>) in.getOrDefault("MessageSystemAttributeNames",
          in.getOrDefault("AttributeNames", List.of()));
      List<String> wanted = (List<String>) in.getOrDefault("MessageAttributeNames", List.of());
      List<Map<String, Object>> out = new ArrayList<>();
      for (Stored m : q) {
        if (out.size() == max) {
          break;
        }
        if (m.invisibleUntil > now) {
          continue;
        }
        m.receives++;
        m.firstReceived = m.firstReceived == 0 ? now : m.firstReceived;
        m.receiptHandle = "AQEB" + UUID.randomUUID().toString().replace("-", "") + m.receives;
        m.invisibleUntil = now + visibility * 1000;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("MessageId", m.id);
        r.put("ReceiptHandle", m.receiptHandle);
        r.put("MD5OfBody", md5OfBody(m.body));
        r.put("Body", m.body);
        if (!system.isEmpty()) {
          r.put("Attributes", Map.of("SentTimestamp", String.valueOf(m.sentTimestamp), "ApproximateReceiveCount",
              String.valueOf(m.receives), "ApproximateFirstReceiveTimestamp", String.valueOf(m.firstReceived),
              "SenderId", "AIDALOCALSQSSTANDIN"));
        }
        Map<String, Map<String, String>> attributes = new TreeMap<>();
        m.attributes.forEach((name, value) -> {
          if (wanted.contains("All") || wanted.contains(".*") || wanted.contains(name)) {
            attributes.put(name, value);
          }
        });
        if (!attributes.isEmpty()) {
          r.put("MD5OfMessageAttributes", md5OfAttributes(attributes));
          r.put("MessageAttributes", attributes);
        }
        out.add(r);
      }
      return out;
    }

    private static ResponseDefinition withHandle(List<Stored> q, Map<String, Object> in,
                                                 java.util.function.Consumer<Stored> action) {
      Object handle = in.get("ReceiptHandle");
      for (Stored m : List.copyOf(q)) {
        if (m.receiptHandle != null && m.receiptHandle.equals(handle)) {
          action.accept(m);
          return ok(Map.of());
        }
      }
      return error("ReceiptHandleIsInvalid", "The input receipt handle \"" + handle + "\" is not a valid receipt "
          + "handle.");
    }

    private static ResponseDefinition ok(Object body) {
      return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0")
          .withBody(Json.write(body)).build();
    }

    private static ResponseDefinition error(String code, String message) {
      return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
          .withBody(Json.write(Map.of("__type", "com.amazonaws.sqs#" + code, "message", message))).build();
    }
  }
}

package dev.baton.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.MalformedJsonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parses the sample events in events/, the same files the end-to-end tests and `./baton invoke` use. */
class S3EventsTest {
  private static List<S3Object> uploads(String file) throws IOException {
    Path events = Path.of(System.getProperty("baton.root", "../..")).resolve("events");
    return S3Events.uploads(Json.parseObject(Files.readString(events.resolve(file))));
  }

  @Test
  void givenAnEventBridgeObjectCreated_thenTheUploadIsRead() throws IOException {
    assertEquals(List.of(new S3Object("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        Optional.of("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"), "b1946ac92492d2347c6235b4d2611184", "00617F08299329D189",
        18734231, "PutObject")), uploads("s3-object-created.json"));
  }

  @Test
  void givenAMultipartUpload_thenItIsAnUploadLikeAnyOther_andItsKeyIsTakenAsIs() throws IOException {
    S3Object o = uploads("s3-object-created-multipart.json").get(0);
    assertEquals("CompleteMultipartUpload", o.reason());
    assertEquals("releases/ledger/2.0.0-rc.1/ledger service+tools 2.0.0.zip", o.key(), "EventBridge keys are not encoded");
  }

  @Test
  void givenAClassicNotificationOfACopy_thenTheKeyIsUrlDecoded() throws IOException {
    S3Object o = uploads("s3-notification-copy.json").get(0);
    assertEquals("releases/billing-api/3.1.0+build.7/billing api 3.1.0 ✓.zip", o.key());
    assertEquals("CopyObject", o.reason());
    assertEquals(Optional.of("096fKKXTRTtl3on89fVO.nfljtsv6qko"), o.versionId());
  }

  @Test
  void givenAnUnversionedUpload_thenTheUploadIsIdentifiedByEtagAndSequencer() throws IOException {
    S3Object o = uploads("s3-object-created-unversioned.json").get(0);
    assertEquals(Optional.empty(), o.versionId());
    assertEquals("e:9e107d9d372bb6826bd81d3542a419d6:00617F0F1234ABCD01", o.uploadId());
  }

  @Test
  void givenNonCreationEvents_thenNoUploads() {
    assertEquals(List.of(), S3Events.uploads(Json.parseObject("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}")));
    assertEquals(List.of(), S3Events.uploads(Json.parseObject(
        "{\"source\":\"aws.s3\",\"detail-type\":\"Object Deleted\",\"detail\":{}}")));
    assertEquals(List.of(), S3Events.uploads(Json.parseObject("""
        {"Records":[{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{}}]}""")));
    assertEquals(Optional.empty(), new S3Object("b", "k", Optional.of("null"), "e", "s", 1, "").versionId(),
        "a version id of \"null\" (versioning suspended) is no version");
  }

  @Test
  void givenMalformedOrForeignEvents_thenTheErrorNamesTheField() throws IOException {
    assertEquals("$.detail.object: missing", assertThrows(MalformedJsonException.class,
        () -> uploads("s3-malformed.json")).getMessage());
    assertEquals("$.source: expected aws.s3, found aws.codepipeline", assertThrows(MalformedJsonException.class,
        () -> S3Events.uploads(Json.parseObject("{\"source\":\"aws.codepipeline\",\"detail-type\":\"x\"}")))
        .getMessage());
    assertTrue(assertThrows(MalformedJsonException.class, () -> S3Events.uploads(Json.parseObject("{\"hello\":1}")))
        .getMessage().startsWith("$: not an S3 event"));
    assertEquals("$.Records[0].s3.object.key: not URL-encoded as S3 encodes keys",
        assertThrows(MalformedJsonException.class, () -> S3Events.uploads(Json.parseObject("""
            {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
              "s3":{"bucket":{"name":"b"},"object":{"key":"bad%zzkey"}}}]}"""))).getMessage());
    assertThrows(MalformedJsonException.class, () -> Json.parseObject("[1,2]"));
    assertThrows(MalformedJsonException.class, () -> Json.parseObject("{not json"));
  }

  @Test
  void givenAFieldOfTheWrongJsonType_thenTheEventIsRefusedNamingIt() throws IOException {
    assertEquals("$.detail.object.version-id: expected a string, found a number",
        assertThrows(MalformedJsonException.class, () -> uploads("s3-object-created-wrong-type.json")).getMessage());
    assertEquals("$.detail.object.size: expected a number, found a string", refused("""
        {"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"b"},
         "object":{"key":"k","size":"18734231","etag":"e"}}}"""));
    assertEquals("$.detail.bucket.name: expected a string, found a number", refused("""
        {"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":7},"object":{"key":"k"}}}"""));
    assertEquals("$.detail-type: expected a string, found an array", refused("""
        {"source":"aws.s3","detail-type":["Object Created"],"detail":{}}"""));
    assertEquals("$.Records[0].s3.object.versionId: expected a string, found a number", refused("""
        {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
          "s3":{"bucket":{"name":"b"},"object":{"key":"k","versionId":7}}}]}"""));
    assertEquals("$.Records[0].s3.object.key: expected a string, found a number", refused("""
        {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
          "s3":{"bucket":{"name":"b"},"object":{"key":12}}}]}"""));
    assertEquals("$.Records[0].eventName: expected a string, found a boolean", refused("""
        {"Records":[{"eventSource":"aws:s3","eventName":true}]}"""));
  }

  private static String refused(String event) {
    return assertThrows(MalformedJsonException.class, () -> S3Events.uploads(Json.parseObject(event))).getMessage();
  }
}

package dev.baton.slack.chatops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.core.json.Json;
import dev.baton.core.release.ReleaseRequest;
import dev.baton.slack.approval.InvalidInteractionException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A release confirmation's claim: read back as made, refused when edited, re-signed with another key, or unsigned. */
class ReleaseClaimsTest {
  private final ReleaseClaims claims = new ReleaseClaims(() -> "the-signing-secret");
  private final ReleaseRequest request = new ReleaseRequest("abc123", "payments-deploy", "acme-releases",
      "releases/p.zip", "UPLOAD#v:v1", "U0ALICE", Instant.parse("2026-12-01T15:28:00Z"));

  @Test
  void givenAValueBatonMade_thenTheSameRequest() {
    assertEquals(request, claims.read(claims.value(request)));
  }

  @Test
  void givenAnEditedForeignOrUnsignedValue_thenRefused() {
    Map<String, Object> made = new LinkedHashMap<>(Json.parseObject(claims.value(request)).asMap());
    for (String field : new String[] {"id", "pipeline", "bucket", "key", "ref", "user", "expires"}) {
      Map<String, Object> edited = new LinkedHashMap<>(made);
      edited.put(field, field.equals("expires") ? "2026-12-31T00:00:00Z" : "other");
      assertThrows(InvalidInteractionException.class, () -> claims.read(Json.write(edited)), field);
    }
    String foreign = new ReleaseClaims(() -> "another-secret").value(request);
    assertThrows(InvalidInteractionException.class, () -> claims.read(foreign));
    made.remove("sig");
    assertThrows(InvalidInteractionException.class, () -> claims.read(Json.write(made)));
    assertThrows(InvalidInteractionException.class, () -> claims.read("apv-0123"));
    assertThrows(InvalidInteractionException.class, () -> claims.read("{\"id\":\"x\"}"));
  }
}

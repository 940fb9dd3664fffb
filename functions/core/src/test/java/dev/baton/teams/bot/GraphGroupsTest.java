package dev.baton.teams.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.LocalWireMock;
import dev.baton.core.approval.MembershipUnavailableException;
import dev.baton.teams.TeamsHttp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Entra group membership through Microsoft Graph (WireMock): the exact request, and failing closed. */
class GraphGroupsTest {
  @RegisterExtension
  static final LocalWireMock wiremock = new LocalWireMock();
  private static final String USER = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
  private static final String GROUP = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
  private static final String CHECK = "/graph/v1.0/users/" + USER + "/checkMemberGroups";
  private GraphGroups groups;

  @BeforeEach
  void stubs() {
    wiremock.stubFor(post(urlEqualTo("/login/tenant-1/oauth2/v2.0/token")).willReturn(aResponse().withStatus(200)
        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-token\"}")));
    TeamsHttp http = TeamsHttp.builder().maxTotal(Duration.ofSeconds(2)).sleeper(ms -> { }).build();
    BotAccessTokens tokens = new BotAccessTokens(http, wiremock.endpoint() + "/login/", "tenant-1", "app-1",
        () -> "secret-1");
    groups = new GraphGroups(http, tokens.forScope(GraphGroups.SCOPE), wiremock.endpoint() + "/graph");
  }

  @Test
  void givenAMember_thenTrue_askedWithTheGraphTokenForThatGroupOnly() {
    wiremock.stubFor(post(urlEqualTo(CHECK)).willReturn(aResponse().withStatus(200)
        .withBody("{\"value\":[\"" + GROUP + "\"]}")));

    assertTrue(groups.isMember(USER, GROUP));

    wiremock.verify(1, postRequestedFor(urlEqualTo("/login/tenant-1/oauth2/v2.0/token")).withRequestBody(equalTo(
        "grant_type=client_credentials&client_id=app-1&client_secret=secret-1"
            + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")));
    wiremock.verify(1, postRequestedFor(urlEqualTo(CHECK)).withHeader("Authorization", equalTo("Bearer graph-token"))
        .withRequestBody(equalToJson("{\"groupIds\":[\"" + GROUP + "\"]}")));
  }

  @Test
  void givenNotAMember_thenFalse() {
    wiremock.stubFor(post(urlEqualTo(CHECK)).willReturn(aResponse().withStatus(200).withBody("{\"value\":[]}")));

    assertFalse(groups.isMember(USER, GROUP));
  }

  @Test
  void givenGraphRefusesOrIsDown_thenMembershipIsUnavailable_neverAYes() {
    wiremock.stubFor(post(urlEqualTo(CHECK)).willReturn(aResponse().withStatus(403)
        .withBody("{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges\"}}")));
    MembershipUnavailableException denied = assertThrows(MembershipUnavailableException.class,
        () -> groups.isMember(USER, GROUP));
    assertTrue(denied.getMessage().contains("GroupMember.Read.All"), denied.getMessage());

    wiremock.stubFor(post(urlEqualTo(CHECK)).willReturn(aResponse().withStatus(200).withBody("not json")));
    assertThrows(MembershipUnavailableException.class, () -> groups.isMember(USER, GROUP));
    wiremock.stubFor(post(urlEqualTo(CHECK)).willReturn(aResponse().withStatus(503)));
    assertThrows(MembershipUnavailableException.class, () -> groups.isMember(USER, GROUP));
  }

  @Test
  void givenAUserIdThatIsNotAnObjectId_thenNoCallAndNotAMember() {
    assertFalse(groups.isMember("../../groups", GROUP));
    assertEquals(0, wiremock.getAllServeEvents().size());
  }
}

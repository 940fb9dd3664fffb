package dev.baton.slack;

import dev.baton.core.runtime.InProcessHttp;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.List;

/**
 * Slack answered in the process, for priming: a {@link SlackClient.Connector} whose connections never connect
 * ({@link InProcessHttp}). The client writes its request and reads an {@code ok:true} answer with the fields Baton
 * reads (channel, ts, the priming user as the only member of any user group, a view id) exactly as it would Slack's,
 * and nothing leaves the process. Each request answered is recorded by what it called ({@link #operations}).
 */
public final class PrimingSlack implements SlackClient.Connector {
  static final String ANSWER = "{\"ok\":true,\"channel\":\"C0PRIMING\",\"ts\":\"0000000000.000001\","
      + "\"message_ts\":\"0000000000.000001\",\"users\":[\"U0PRIMING\"],\"view\":{\"id\":\"V0PRIMING\"}}";

  /** A Web API method's name, the last segment of its URL: {@code chat.postMessage}, {@code usergroups.users.list}. */
  private static final java.util.regex.Pattern METHOD = java.util.regex.Pattern.compile("[a-z]+(\\.[a-zA-Z]+)+");

  private final InProcessHttp http = new InProcessHttp((method, url, sent) -> new InProcessHttp.Answer(
      operation(url), HttpURLConnection.HTTP_OK, ANSWER));

  /** How many requests were answered. */
  public int answered() {
    return http.answered();
  }

  /**
   * What was called, oldest first: {@code slack:chat.postMessage} for a Web API method, {@code slack:<host>/<first
   * path segment>} for anything else (a {@code response_url}: {@code slack:hooks.slack.com/actions}; an incoming
   * webhook: {@code slack:hooks.slack.com/services}).
   */
  public List<String> operations() {
    return http.operations();
  }

  static String operation(URL url) {
    String[] segments = url.getPath().split("/");
    String last = segments.length > 0 ? segments[segments.length - 1] : "";
    if (METHOD.matcher(last).matches()) {   // whatever the base URL (BATON_SLACK_API_URL)
      return "slack:" + last;
    }
    return "slack:" + url.getHost() + "/" + (segments.length > 1 ? segments[1] : "");
  }

  @Override
  public HttpURLConnection open(URI uri) throws java.net.MalformedURLException {
    return http.open(uri);
  }
}

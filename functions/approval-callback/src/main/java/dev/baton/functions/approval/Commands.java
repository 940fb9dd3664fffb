package dev.baton.functions.approval;

import dev.baton.aws.AwsClients;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.core.approval.GroupMembership;
import dev.baton.core.chatops.ChatOps;
import dev.baton.core.chatops.CommandAccess;
import dev.baton.core.chatops.DoraReply;
import dev.baton.core.chatops.ReleaseCommand;
import dev.baton.core.chatops.StatusReport;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.release.PipelineStarter;
import dev.baton.core.release.ReleaseAgain;
import dev.baton.slack.SlackClient;
import dev.baton.slack.chatops.ReleaseClaims;
import dev.baton.slack.chatops.SlackCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code /baton} commands of the callback, wired: who may run what from {@code config/chatops.json}
 * ({@code BATON_CHATOPS_CONFIG}), the freezes the clicks check too ({@link CallbackWiring}) and the table, the status
 * and the DORA metrics from the pipeline history, {@code /baton release} from the release records (started with
 * CodePipeline, announced on EventBridge). A missing or invalid file fails the function's start, naming the field.
 */
final class Commands {
  private Commands() {}

  static SlackCommands create(DynamoDbClient dynamo, String table, Optional<Duration> retention, Freezes freezes,
                              GroupMembership groups, PipelineStarter starter, EventPublisher events,
                              Supplier<String> signingSecret, SlackClient slack) {
    ConfigFiles.ConfigFile access = ConfigFiles.load("BATON_CHATOPS_CONFIG", "chatops.json");
    DynamoHistoryReader history = new DynamoHistoryReader(dynamo, table);
    String region = AwsClients.region().id();
    ReleaseAgain releases = new ReleaseAgain(new DynamoReleaseStore(dynamo, table, retention), starter, freezes,
        events, region, Clock.systemUTC());
    ChatOps chatOps = new ChatOps(CommandAccess.parse(access.source(), access.json(), groups), freezes,
        freezes.adHocStore(), new StatusReport(history, freezes, region), new DoraReply(history),
        new ReleaseCommand(releases, region), Clock.systemUTC());
    return new SlackCommands(chatOps, new ReleaseClaims(signingSecret), slack);
  }
}

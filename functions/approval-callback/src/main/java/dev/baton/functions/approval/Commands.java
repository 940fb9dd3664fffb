package dev.baton.functions.approval;

import dev.baton.aws.AwsClients;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.approval.GroupMembership;
import dev.baton.core.chatops.ChatOps;
import dev.baton.core.chatops.CommandAccess;
import dev.baton.core.chatops.StatusReport;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.freeze.Freezes;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code /baton} commands of the callback, wired: who may run what from {@code config/chatops.json}
 * ({@code BATON_CHATOPS_CONFIG}), the freezes the clicks check too ({@link CallbackWiring}),
 * the status from the pipeline history. A missing or invalid file fails the function's start, naming the field.
 */
final class Commands {
  private Commands() {}

  static ChatOps create(DynamoDbClient dynamo, String table, Freezes freezes, GroupMembership groups) {
    ConfigFiles.ConfigFile access = ConfigFiles.load("BATON_CHATOPS_CONFIG", "chatops.json");
    return new ChatOps(CommandAccess.parse(access.source(), access.json(), groups), freezes, freezes.adHocStore(),
        new StatusReport(new DynamoHistoryReader(dynamo, table), freezes, AwsClients.region().id()), Clock.systemUTC());
  }
}

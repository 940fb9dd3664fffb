package dev.baton.functions.approval;

import dev.baton.aws.AwsClients;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.approval.GroupMembership;
import dev.baton.core.chatops.ChatOps;
import dev.baton.core.chatops.CommandAccess;
import dev.baton.core.chatops.DoraReply;
import dev.baton.core.chatops.StatusReport;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code /baton} commands of the callback, wired: who may run what from {@code config/chatops.json}
 * ({@code BATON_CHATOPS_CONFIG}), the freezes from {@code config/freezes.json} ({@code BATON_FREEZES}) and the table,
 * the status from the pipeline history. A missing or invalid file fails the function's start, naming the field.
 */
final class Commands {
  private Commands() {}

  static ChatOps create(DynamoDbClient dynamo, String table, Optional<Duration> retention, GroupMembership groups) {
    ConfigFiles.ConfigFile access = ConfigFiles.load("BATON_CHATOPS_CONFIG", "chatops.json");
    DynamoFreezeStore adHoc = new DynamoFreezeStore(dynamo, table, retention);
    Freezes freezes = new Freezes(FreezeCalendar.load(), adHoc);
    DynamoHistoryReader history = new DynamoHistoryReader(dynamo, table);
    return new ChatOps(CommandAccess.parse(access.source(), access.json(), groups), freezes, adHoc,
        new StatusReport(history, freezes, AwsClients.region().id()), new DoraReply(history), Clock.systemUTC());
  }
}

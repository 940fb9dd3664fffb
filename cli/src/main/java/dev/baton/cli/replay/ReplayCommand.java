package dev.baton.cli.replay;

import dev.baton.cli.AwsOptions;
import dev.baton.cli.replay.ReplayTarget.Destination;
import dev.baton.local.SamTemplate;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ./baton replay}: lists what a function's dead-letter queue holds and, once the cause is fixed, sends the
 * chosen events to the function again (README, "Replaying parked events"). Wiring only; {@link Replay} decides.
 */
@Command(name = "replay", sortOptions = false, description = {
    "Show the events parked in a function's dead-letter queue and, after the cause is fixed, replay the chosen ones "
        + "through the function (asynchronous invoke of its live alias). A message is deleted only once its replay "
        + "was accepted.",
    "Exit code: 0 every chosen event replayed (or nothing chosen), 1 some were not, 2 usage or the queue could not "
        + "be read."})
public final class ReplayCommand implements Callable<Integer> {
  static final String DEFAULT_ALIAS = "live";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION|QUEUE", description = "a function's logical id in "
      + "template.yaml (AlertsFunction) or a dead-letter queue's (ApprovalDeadLetterQueue); with --stack")
  String target;

  @Option(names = "--stack", description = "the deployed stack, to find the queue and the function in; "
      + "default: $BATON_STACK")
  String stack;

  @Option(names = "--queue-url", description = "the dead-letter queue, instead of looking it up in the stack")
  String queueUrl;

  @Option(names = "--function", description = "replay to this function (name or ARN; :live unless it names a "
      + "version or alias, e.g. NAME:$LATEST), instead of looking it up in the stack")
  String function;

  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(names = "--all", required = true, description = "replay every event read (of the function)")
    boolean all;

    @Option(names = "--select", required = true, split = ",", paramLabel = "ID",
        description = "replay these messages (ids, or unique beginnings of them), comma-separated")
    List<String> ids;
  }

  @Option(names = "--dry-run", description = "show what would be replayed; invoke and delete nothing")
  boolean dryRun;

  @Option(names = "--details", description = "also show each message in full: who parked it, the whole error "
      + "and the event")
  boolean details;

  @Option(names = {"-y", "--yes"}, description = "replay without asking (needed when standard input is not a terminal)")
  boolean yes;

  @Option(names = "--max", defaultValue = "50",
      description = "read at most this many messages (default ${DEFAULT-VALUE})")
  int max;

  @Option(names = "--visibility-timeout", defaultValue = "900", paramLabel = "SECONDS", description = "how long the "
      + "messages read are hidden from other readers while this runs (default ${DEFAULT-VALUE}); those not deleted "
      + "are handed back at the end")
  int visibilityTimeout;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Mixin
  AwsOptions aws = new AwsOptions();

  private final Confirmation confirmation;
  private final Clock clock;

  public ReplayCommand() {
    this(new TerminalConfirmation(), Clock.systemUTC());
  }

  ReplayCommand(Confirmation confirmation, Clock clock) {
    this.confirmation = confirmation;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Replay.Options options = options();
    String stackName = Optional.ofNullable(stack).or(() -> Optional.ofNullable(System.getenv("BATON_STACK")))
        .filter(s -> !s.isBlank()).orElse(null);
    if ((queueUrl == null || function == null) && (stackName == null || target == null)) {
      throw new ParameterException(spec.commandLine(), "which queue and function? Give a function's (or queue's) "
          + "logical id and --stack, or --queue-url and --function");
    }
    ReplayView view = new ReplayView(System.out, System.err);
    try (AwsSettings settings = new AwsSettings(aws.region(), aws.profile())) {
      ReplayTarget replayTarget = resolve(settings, stackName);
      try (SqsClient sqs = settings.client(SqsClient.builder());
          LambdaClient lambda = settings.client(LambdaClient.builder())) {
        Replay replay = new Replay(new SqsDeadLetterQueue(sqs, replayTarget.queueUrl()),
            new LambdaRedriver(lambda), confirmation, clock, view);
        return replay.run(replayTarget, options);
      }
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | SdkClientException e) {
      view.error(e.getMessage());
      return Replay.USAGE;
    }
  }

  private Replay.Options options() {
    if (max < 1 || max > 1000) {
      throw new ParameterException(spec.commandLine(), "--max must be between 1 and 1000");
    }
    if (visibilityTimeout < 60 || visibilityTimeout > 43200) {
      throw new ParameterException(spec.commandLine(), "--visibility-timeout must be between 60 and 43200 seconds "
          + "(SQS allows up to 12 hours)");
    }
    Replay.Selection selection = choice == null ? new Replay.Selection.None()
        : choice.all ? new Replay.Selection.All() : new Replay.Selection.Ids(choice.ids);
    return new Replay.Options(max, Duration.ofSeconds(visibilityTimeout), selection, dryRun, yes, details);
  }

  /** The queue and the function(s): as given, or looked up by logical id in template.yaml and the stack. */
  private ReplayTarget resolve(AwsSettings settings, String stackName) {
    Optional<Destination> explicit = Optional.ofNullable(function).map(f -> {
      FunctionRef ref = FunctionRef.parse(f).orAt(Optional.of(DEFAULT_ALIAS));
      return new Destination(target != null ? target : ref.name(), ref);
    });
    if (queueUrl != null && explicit.isPresent()) {
      return new ReplayTarget(queueUrl, List.of(explicit.get()));
    }
    SamTemplate template = SamTemplate.load();
    TemplateDeadLetters.Parking parking = new TemplateDeadLetters(template).of(target);
    try (CloudFormationClient cloudFormation = settings.client(CloudFormationClient.builder())) {
      StackResources resources = new StackResources(cloudFormation, stackName);
      String url = queueUrl != null ? queueUrl : resources.physicalId(parking.queueId());
      // a function the template creates only on a condition (the Teams bot) is left out where the stack has none
      List<Destination> functions = explicit.map(List::of).orElseGet(() -> parking.functions().stream()
          .filter(f -> !template.resource(f.logicalId()).containsKey("Condition") || resources.has(f.logicalId()))
          .map(f -> new Destination(f.logicalId(), FunctionRef.parse(resources.physicalId(f.logicalId()))
              .orAt(f.alias()))).toList());
      return new ReplayTarget(url, functions);
    }
  }
}

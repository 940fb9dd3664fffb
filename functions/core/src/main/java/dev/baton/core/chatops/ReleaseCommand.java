package dev.baton.core.chatops;

import dev.baton.core.alerts.Alert;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.release.ReleaseAgain;
import dev.baton.core.release.ReleaseAgain.Confirmation;
import dev.baton.core.release.ReleaseAgain.Proposal;
import dev.baton.core.release.ReleaseRecord;
import dev.baton.core.release.ReleaseRequest;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.Released;
import dev.baton.core.release.Requester;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /baton release <pipeline> [version]} in words: the proposal ({@link ReleaseAgain#propose}) answered to the
 * asker only, with the confirmation it asks for; the confirmation's outcome ({@link ReleaseAgain#confirm}) announced
 * in the channel when a release started, told to the asker only otherwise.
 */
public final class ReleaseCommand {
  private final ReleaseAgain releases;
  private final String region;

  public ReleaseCommand(ReleaseAgain releases, String region) {
    this.releases = releases;
    this.region = region;
  }

  Reply ask(Requester by, String pipeline, Optional<String> version) {
    return switch (releases.propose(pipeline, version, by)) {
      case Proposal.Ready r -> proposal(r.request(), r.artifact());
      case Proposal.Frozen f -> frozen(pipeline, f.freeze());
      case Proposal.NothingReleased n -> Reply.privately("Nothing to release", "*" + pipeline + "* has no release "
          + "on record that started it. `/baton release` starts again what an S3 upload (or an earlier `/baton "
          + "release`) started.");
      case Proposal.NoSuchVersion v -> noSuchVersion(pipeline, v);
    };
  }

  Reply confirm(Requester by, ReleaseRequest request) {
    String p = request.pipeline();
    return switch (releases.confirm(request, by)) {
      case Confirmation.Started s -> new Reply(true, "Release started: " + p, List.of("<@" + by.userId()
          + "> started *" + p + "* again with `" + s.release().object() + "` · " + link(p, s.executionId())));
      case Confirmation.AlreadyDone d -> Reply.privately("Already done", done(d.release()));
      case Confirmation.InProgress i -> Reply.privately("Being started", "Another confirmation of this release is "
          + "starting *" + p + "* right now; nothing more was done.");
      case Confirmation.Frozen f -> frozen(p, f.freeze());
      case Confirmation.Expired e -> Reply.privately("Not released", "This confirmation has expired (they last "
          + ReleaseAgain.CONFIRM_WITHIN.toMinutes() + " minutes); nothing was started. Run `/baton release " + p
          + "` again.");
      case Confirmation.NotTheAsker n -> Reply.privately("Not released", "Only <@" + request.userId()
          + ">, who asked, may confirm this release.");
      case Confirmation.Gone g -> Reply.privately("Not released", "The release this confirmation names is no "
          + "longer on record; nothing was started. Run `/baton release " + p + "` again.");
      case Confirmation.Failed f -> Reply.privately("Release failed", "*" + p + "* did not start: " + f.reason());
    };
  }

  static Reply cancelled(ReleaseRequest request) {
    return Reply.privately("Cancelled", "Nothing was started; *" + request.pipeline() + "* is as it was.");
  }

  private Reply proposal(ReleaseRequest request, Released artifact) {
    ReleaseRecord r = artifact.record();
    List<String> sections = new ArrayList<>();
    sections.add("*" + request.pipeline() + "* would start again with `" + r.object() + "`, released "
        + Times.show(r.requestedAt()) + " by rule `" + r.rule() + "`" + artifact.requestedBy()
            .map(who -> " (asked from Slack by <@" + who.userId() + ">)").orElse("")
        + r.executionId().map(x -> "; it started " + link(request.pipeline(), x)).orElse(""));
    if (!r.variables().isEmpty()) {
      sections.add("Variables: " + String.join(", ", new TreeMap<>(r.variables()).entrySet().stream()
          .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").toList()));
    }
    sections.add("Only you see this. Start it within " + ReleaseAgain.CONFIRM_WITHIN.toMinutes() + " minutes, or "
        + "cancel.");
    return new Reply(false, "Release " + request.pipeline() + " again?", sections, Optional.of(request));
  }

  private Reply noSuchVersion(String pipeline, Proposal.NoSuchVersion v) {
    List<String> sections = new ArrayList<>();
    sections.add("No release of *" + pipeline + "* matches `" + v.version() + "`. Name one by its S3 version id, "
        + "its key or file name, or the execution it started (as `/baton history " + pipeline + "` shows it).");
    if (!v.newest().isEmpty()) {
      sections.add("The newest:\n" + String.join("\n", v.newest().stream().map(n -> n.record().executionId()
          .map(x -> "`" + x.substring(0, Math.min(8, x.length())) + "` ").orElse("") + "`" + n.record().object()
          + "`, released " + Times.show(n.record().requestedAt())).toList()));
    }
    return new Reply(false, "No such release", sections);
  }

  private static Reply frozen(String pipeline, Freeze f) {
    return Reply.privately("Not released", "*" + pipeline + "* is frozen by " + f.describe() + " until "
        + Times.show(f.until()) + ": nothing was started. A release asked for from Slack is refused during a freeze, "
        + "not held; ask again once it is over (`/baton freezes`).");
  }

  private String done(Released r) {
    ReleaseRecord rec = r.record();
    String by = r.requestedBy().map(w -> " by <@" + w.userId() + ">").orElse("");
    return rec.status() == ReleaseStatus.STARTED && rec.executionId().isPresent()
        ? "This release was confirmed before" + by + ": *" + rec.pipeline() + "* started " + link(rec.pipeline(),
            rec.executionId().get()) + ". Nothing more was done."
        : "This release was confirmed before" + by + " and did not start: " + rec.reason().orElse(rec.status().name())
            + ". Nothing more was done.";
  }

  private String link(String pipeline, String executionId) {
    return "<" + Alert.consoleUrl(region, pipeline, executionId) + "|" + executionId.substring(0,
        Math.min(8, executionId.length())) + ">";
  }
}

package dev.baton.core.release;

import java.util.Optional;

/**
 * A release record as a pipeline's list of releases holds it: the record, the store's reference to it (how a
 * confirmation names it again), and who asked for it from chat, for a release started on request.
 */
public record Released(String ref, ReleaseRecord record, Optional<Requester> requestedBy) {}

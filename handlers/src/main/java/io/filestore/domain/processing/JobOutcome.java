package io.filestore.domain.processing;

import io.filestore.domain.FileRecord;

/** A job's new state, with the file facts subscribers filter and route on; what the notifier publishes. */
public record JobOutcome(ProcessingJob job, FileRecord file) {}

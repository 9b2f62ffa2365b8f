package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/** What a scheduled function reads from its event's {@code detail}: only the dry-run flag of a direct invocation. */
final class ScheduledDetail {
  private ScheduledDetail() {}

  static boolean dryRun(ScheduledEvent event) {
    if (event == null || event.getDetail() == null) {
      return false;
    }
    Object flag = event.getDetail().get("dryRun");
    if (flag == null || flag instanceof Boolean) {
      return Boolean.TRUE.equals(flag);
    }
    throw new InvalidEventException("detail.dryRun must be true or false, not " + flag);
  }
}

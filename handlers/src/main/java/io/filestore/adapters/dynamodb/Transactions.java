package io.filestore.adapters.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reads why DynamoDB cancelled a transaction, item by item. */
final class Transactions {
  private Transactions() {}

  /** @return whether the item at {@code index} of the transaction failed its condition */
  static boolean failedCondition(TransactionCanceledException e, int index) {
    if (!e.hasCancellationReasons() || e.cancellationReasons().size() <= index) {
      return false;
    }
    CancellationReason reason = e.cancellationReasons().get(index);
    return "ConditionalCheckFailed".equals(reason.code());
  }

  /** @return whether DynamoDB cancelled the transaction because another one touched the same item at once */
  static boolean conflicted(TransactionCanceledException e) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
  }
}

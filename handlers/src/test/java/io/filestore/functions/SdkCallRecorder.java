package io.filestore.functions;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Records, per function, the IAM action and resource of every AWS call the real SDK clients make
 * (registered as a global interceptor from the test classpath). Calls outside {@link #as} are not
 * recorded: they are the tests' own set-up.
 */
public final class SdkCallRecorder implements ExecutionInterceptor {
  /** Inherited, so that the threads a function starts for its own work (the retry function's) record as it. */
  private static final ThreadLocal<String> CURRENT = new InheritableThreadLocal<>();
  private static final Map<String, Set<String>> CALLS = new ConcurrentHashMap<>();

  static <T> T as(String function, Supplier<T> body) {
    CURRENT.set(function);
    try {
      return body.get();
    } finally {
      CURRENT.remove();
    }
  }

  static Set<String> calls(String function) {
    return Set.copyOf(CALLS.getOrDefault(function, Set.of()));
  }

  static void record(String function, String action, String resource) {
    CALLS.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet()).add(action + " on " + resource);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String function = CURRENT.get();
    if (function == null) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if ("DynamoDb".equalsIgnoreCase(service) && context.request() instanceof TransactWriteItemsRequest t) {
      // IAM has no action for a transaction: each item needs the action of what it does.
      for (TransactWriteItem item : t.transactItems()) {
        String action = item.conditionCheck() != null ? "ConditionCheckItem" : item.put() != null ? "PutItem"
            : item.delete() != null ? "DeleteItem" : "UpdateItem";
        record(function, "dynamodb:" + action, "table");
      }
    } else if ("DynamoDb".equalsIgnoreCase(service)) {
      String resource = context.request() instanceof QueryRequest q && q.indexName() != null ? "index:" + q.indexName() : "table";
      record(function, "dynamodb:" + operation, resource);
    } else if ("S3".equalsIgnoreCase(service)) {
      // HeadObject is authorised by s3:GetObject; presigned requests count as the calls they allow.
      record(function, "s3:" + (operation.equals("HeadObject") ? "GetObject" : operation), "objects");
    } else {
      record(function, service + ":" + operation, "?");
    }
  }
}

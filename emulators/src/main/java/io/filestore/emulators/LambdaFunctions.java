package io.filestore.emulators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The functions Lambda Invoke can reach, by name, and Lambda's queue for asynchronous invocations: an
 * Event invocation is accepted at once and run later on another thread, as Lambda's own queue does. A
 * failed Event invocation goes to the failure listener; it is not retried (the wiring sets none).
 */
public final class LambdaFunctions implements AutoCloseable {
  /** How long a stop waits for queued Event invocations to finish. */
  static final Duration DRAIN = Duration.ofSeconds(10);
  private static final int KEPT = 1000;

  /** A function's code: payload JSON in, result JSON out; an exception is the function's error. */
  @FunctionalInterface
  public interface Handler {
    String handle(String payloadJson) throws Exception;
  }

  /** One accepted invocation: which function, Event, RequestResponse or DryRun, and the payload. */
  public record Invocation(String function, String type, String payload, Instant at) {}

  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final ArrayDeque<Invocation> recent = new ArrayDeque<>();
  private final ExecutorService queue;
  private volatile BiConsumer<String, Throwable> onFailure = (name, e) -> { };
  private int pending;

  LambdaFunctions() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "lambda-event-queue");
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    this.queue = pool;
  }

  public static String arn(String name) {
    return "arn:aws:lambda:" + Emulators.REGION + ":" + AwsServices.ACCOUNT + ":function:" + name;
  }

  /** Makes a function invokable by its name (and its ARN); registering a name again replaces its code. */
  public void register(String name, Handler handler) {
    handlers.put(name, handler);
  }

  public boolean exists(String name) {
    return handlers.containsKey(name);
  }

  /** Receives the function's name and error when an Event invocation fails. */
  public void onAsyncFailure(BiConsumer<String, Throwable> listener) {
    this.onFailure = listener;
  }

  /** The latest accepted invocations (up to a thousand), oldest first. */
  public List<Invocation> invocations() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /**
   * Waits until no Event invocation is queued or running, so that a test can look at what they did.
   *
   * @return false when some are still queued or running after {@code timeout}
   */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (pending > 0) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Runs the function now, on this thread. */
  String invoke(String name, String payload) throws Exception {
    record(name, "RequestResponse", payload);
    return handlers.get(name).handle(payload);
  }

  void dryRun(String name, String payload) {
    record(name, "DryRun", payload);
  }

  /** Queues the function's run and returns at once. */
  void invokeAsync(String name, String payload) {
    record(name, "Event", payload);
    Handler handler = handlers.get(name);
    synchronized (this) {
      pending++;
    }
    try {
      queue.execute(() -> {
        try {
          handler.handle(payload);
        } catch (Exception | LinkageError e) {
          onFailure.accept(name, e);
        } finally {
          synchronized (this) {
            pending--;
            notifyAll();
          }
        }
      });
    } catch (RuntimeException e) {
      synchronized (this) {
        pending--;
        notifyAll();
      }
      throw new AwsError(503, "ServiceException", "The function's event queue is stopped.", false);
    }
  }

  /** Stops taking Event invocations and gives those queued a little time to finish. */
  @Override
  public void close() {
    queue.shutdown();
    try {
      if (!queue.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        queue.shutdownNow();
      }
    } catch (InterruptedException e) {
      queue.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void record(String name, String type, String payload) {
    synchronized (recent) {
      recent.addLast(new Invocation(name, type, payload, Instant.now()));
      while (recent.size() > KEPT) {
        recent.removeFirst();
      }
    }
  }
}

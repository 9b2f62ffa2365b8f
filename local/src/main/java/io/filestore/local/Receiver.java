package io.filestore.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filestore.emulators.ProcessingReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./filestore receiver [200|500|429|400|timeout [--times N] [--hold SECONDS] | calls | clear] [--data DIR]}:
 * tells the running stack's stand-in processing endpoint how to answer (until told otherwise, or for the
 * next N calls), or shows how it answers, or lists and forgets the calls it received.
 */
public final class Receiver {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Receiver() {}

  public static void main(String[] args) {
    StackClient.runVerb("receiver", () -> run(args));
  }

  static String run(String[] args) throws IOException, InterruptedException, StackClient.Refused {
    Path root = Path.of("").toAbsolutePath();
    Path data = null;
    Integer times = null;
    Long hold = null;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(value(args, ++i));
        case "--root" -> root = Path.of(value(args, ++i));
        case "--times" -> times = number(args[i], value(args, ++i)).intValue();
        case "--hold" -> hold = number(args[i], value(args, ++i));
        default -> {
          if (args[i].startsWith("--")) {
            throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + usage());
          }
          words.add(args[i]);
        }
      }
    }
    if (words.size() > 1) {
      throw new IllegalArgumentException(usage());
    }
    String word = words.isEmpty() ? null : words.get(0);
    if ((times != null || hold != null) && (word == null || word.equals("calls") || word.equals("clear"))) {
      throw new IllegalArgumentException("--times and --hold go with an answer; " + usage());
    }
    ObjectNode control = null;
    if (word != null && !word.equals("calls") && !word.equals("clear")) {
      control = JSON.createObjectNode().put("answer", ProcessingReceiver.Answer.parse(word).label());
      if (times != null) {
        control.put("times", times);
      }
      if (hold != null) {
        control.put("holdSeconds", hold);
      }
    }
    StackClient stack = StackClient.connect(root, data);
    if ("calls".equals(word)) {
      return stack.send("GET", stack.fact("receiverCallsUrl"), Map.of(), null);
    }
    if ("clear".equals(word)) {
      stack.send("DELETE", stack.fact("receiverCallsUrl"), Map.of(), null);
      return "The receiver's calls are forgotten.";
    }
    return stack.send(control == null ? "GET" : "PUT", stack.fact("receiverControlUrl"), Map.of(),
        control == null ? null : control.toString());
  }

  private static Long number(String option, String text) {
    try {
      long n = Long.parseLong(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw new IllegalArgumentException(option + " takes a whole number, not '" + text + "'");
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value; " + usage());
    }
    return args[i];
  }

  private static String usage() {
    return "usage: ./filestore receiver [200|500|429|400|timeout [--times N] [--hold SECONDS] | calls | clear] [--data DIR]";
  }
}

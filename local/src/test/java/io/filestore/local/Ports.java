package io.filestore.local;

import java.net.ServerSocket;

/** The local stack takes N to N+3 (API, S3, DynamoDB, and SSM, SNS and Lambda); tests look for four free ports in a row. */
public final class Ports {
  private Ports() {}

  /** A port N whose N+1, N+2 and N+3 are free too; named when a stack took three ports, and kept for its callers. */
  public static int freeTriple() throws Exception {
    return forStack();
  }

  public static int forStack() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      if (port + LocalStack.PORTS - 1 <= 65535 && free(port + 1) && free(port + 2) && free(port + 3)) {
        return port;
      }
    }
    throw new IllegalStateException("no four free ports in a row");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}

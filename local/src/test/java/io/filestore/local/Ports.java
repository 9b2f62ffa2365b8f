package io.filestore.local;

import java.net.ServerSocket;

/** The local stack takes N, N+1 and N+2; tests look for three free ports in a row. */
public final class Ports {
  private Ports() {}

  public static int freeTriple() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      if (port < 65000 && free(port + 1) && free(port + 2)) {
        return port;
      }
    }
    throw new IllegalStateException("no three free ports in a row");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}

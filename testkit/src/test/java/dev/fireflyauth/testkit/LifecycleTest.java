package dev.fireflyauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where the emulator listens (loopback only, a free port) and that close() leaves nothing behind. */
class LifecycleTest {
  private final Http http = new Http();

  private static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .collect(Collectors.toList());
  }

  /** This machine's non-loopback, non-link-local addresses (link-local ones need a scope to connect). */
  private static List<InetAddress> otherAddresses() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .collect(Collectors.toList());
  }

  @Test
  void listensOnLoopbackOnly() throws IOException {
    try (ImsEmulator ims = ImsEmulator.start()) {
      InetSocketAddress address = ims.address();
      assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
      assertEquals(InetAddress.getLoopbackAddress().getHostAddress(), ims.tokenUrl().getHost());
      for (InetAddress other : otherAddresses()) {
        try (Socket s = new Socket()) {
          assertThrows(
              ConnectException.class,
              () -> s.connect(new InetSocketAddress(other, address.getPort()), 5_000),
              "reachable on " + other);
        }
      }
    }
  }

  @Test
  void eachEmulatorTakesItsOwnFreePort() {
    try (ImsEmulator a = ImsEmulator.start(); ImsEmulator b = ImsEmulator.start()) {
      assertNotEquals(0, a.address().getPort());
      assertNotEquals(a.address().getPort(), b.address().getPort());
      assertEquals(a.tokenUrl().getPort(), a.address().getPort());
      assertEquals("/ims/token/v3", a.tokenUrl().getPath());
      assertEquals("http", a.tokenUrl().getScheme());
    }
  }

  @Test
  @Timeout(60) // a hang guard only
  void closeEndsEveryThreadEvenDuringADelayedRequest() throws Exception {
    int dispatchersBefore = threadsNamed("HTTP-Dispatcher").size();
    ImsEmulator ims = ImsEmulator.start();
    RegisteredClient client = ims.registerClient();
    String ours = DaemonThreads.PREFIX + ims.address().getPort() + "-";
    assertEquals(200, http.token(ims.tokenUrl(), client).statusCode());
    ims.faults().next().delay(Duration.ofMinutes(10));
    CompletableFuture<HttpResponse<String>> stuck =
        CompletableFuture.supplyAsync(() -> http.token(ims.tokenUrl(), client));
    while (ims.requestCount() < 2) {
      Thread.sleep(1); // until the delayed request has reached the emulator
    }
    assertTrue(threadsNamed(ours).size() > 0);

    ims.close();

    assertEquals(List.of(), threadsNamed(ours));
    assertTrue(threadsNamed("HTTP-Dispatcher").size() <= dispatchersBefore, threadsNamed("HTTP-Dispatcher").toString());
    ExecutionException e = assertThrows(ExecutionException.class, stuck::get);
    assertTrue(e.getCause().getCause() instanceof IOException, e.toString());
  }

  @Test
  void afterCloseTheEndpointRefusesConnections() {
    ImsEmulator ims = ImsEmulator.start();
    RegisteredClient client = ims.registerClient();
    ims.close();
    ims.close(); // idempotent
    assertTrue(ims.toString().endsWith(", closed]"), ims.toString());
    assertThrows(IOException.class, () -> http.sendOrThrow(Http.tokenRequest(ims.tokenUrl(), client).build()));
  }

  @Test
  void requestThreadsAreDaemons() {
    try (ImsEmulator ims = ImsEmulator.start()) {
      http.token(ims.tokenUrl(), ims.registerClient());
      String ours = DaemonThreads.PREFIX + ims.address().getPort() + "-";
      List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith(ours))
          .collect(Collectors.toList());
      assertFalse(threads.isEmpty());
      assertTrue(threads.stream().allMatch(Thread::isDaemon), threads.toString());
    }
  }

  @Test
  void anEmulatorNobodyClosesCannotKeepTheJvmAlive() {
    try (ImsEmulator ims = ImsEmulator.start()) {
      java.util.List<Thread> userThreads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().contains("HTTP-Dispatcher"))
          .collect(java.util.stream.Collectors.toList());
      assertEquals(java.util.List.of(), userThreads, "the JDK server's dispatcher must be a daemon");
    }
  }
}

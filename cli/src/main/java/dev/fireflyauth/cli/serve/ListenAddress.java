package dev.fireflyauth.cli.serve;

import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.agent.AgentProtocol;
import dev.fireflyauth.spi.support.Endpoints;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where the agent listens: {@code --listen HOST:PORT} ({@code [::1]:PORT} for IPv6), loopback unless the user
 * explicitly allows otherwise.
 *
 * <p>Why it exists: the agent hands a token to every caller that knows the agent token, over plain http; on
 * loopback nothing crosses the wire, anywhere else the agent token and the tokens could be read in transit.
 * Loopback is decided without a DNS look-up ({@link Endpoints#isLoopback}), so a DNS answer cannot make a remote
 * address pass. Port 0 picks a free port (the startup line shows it). Immutable.
 *
 * @param text the value as given, for messages
 */
record ListenAddress(String text, String host, int port) {
  static final String DEFAULT = "127.0.0.1:" + AgentProtocol.DEFAULT_PORT;

  /**
   * Parses {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException saying what is wrong with the syntax (a usage error)
   */
  static ListenAddress parse(String text) {
    String t = text.trim();
    String host;
    String port;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
        throw usage(text, "an IPv6 address is written [::1]:PORT");
      }
      host = t.substring(0, close + 1);
      port = t.substring(close + 2);
    } else {
      int colon = t.lastIndexOf(':');
      if (colon < 0) {
        throw usage(text, "HOST:PORT is expected, e.g. " + DEFAULT);
      }
      host = t.substring(0, colon);
      port = t.substring(colon + 1);
      if (host.contains(":")) {
        throw usage(text, "an IPv6 address is written in brackets, e.g. [::1]:" + AgentProtocol.DEFAULT_PORT);
      }
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw usage(text, "a host is required, e.g. " + DEFAULT);
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw usage(text, "the port must be a number from 0 to 65535");
    }
    return new ListenAddress(text, host, Integer.parseInt(port));
  }

  private static IllegalArgumentException usage(String text, String why) {
    return new IllegalArgumentException("invalid --listen '" + text + "': " + why);
  }

  /** Whether the host is a loopback name or address. */
  boolean loopback() {
    return Endpoints.isLoopback(host);
  }

  /**
   * This address, if it may be used.
   *
   * @throws ConfigurationException when it is not loopback and {@code allowRemote} is false
   */
  ListenAddress requireAllowed(boolean allowRemote) {
    if (!loopback() && !allowRemote) {
      throw new ConfigurationException("--listen " + text + " is not a loopback address: the agent hands out tokens"
          + " to whoever can reach it and knows the agent token, over plain http; listen on 127.0.0.1 or [::1], or"
          + " give --allow-remote to listen there anyway (the agent token then travels in clear text)");
    }
    return this;
  }

  /**
   * The socket address to bind.
   *
   * @throws ConfigurationException when a host name does not resolve
   */
  InetSocketAddress bindAddress() {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
    try {
      String literal = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
      return new InetSocketAddress(InetAddress.getByName(literal), port);
    } catch (UnknownHostException e) {
      throw new ConfigurationException("--listen " + text + ": host " + host + " cannot be resolved");
    }
  }

  /** The URL clients use, with the port actually bound. */
  String url(int boundPort) {
    return "http://" + host + ":" + boundPort;
  }
}

package dev.fireflyauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Netty and the Apache HTTP clients stay out (the build's enforcer rule checks the declared closure; this
 * checks what actually runs): the SDK can only use url-connection-client.
 */
class DependencyClosureTest {

  @Test
  void noNettyOrApacheJarOnTheClassPath() {
    List<String> offending = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(p -> p.replace(File.separatorChar, '/'))
        .filter(p -> p.contains("/io/netty/")
            || p.contains("/org/apache/httpcomponents")
            || p.contains("/software/amazon/awssdk/apache-client/")
            || p.contains("/software/amazon/awssdk/apache5-client/")
            || p.contains("/software/amazon/awssdk/netty-nio-client/"))
        .collect(Collectors.toList());
    assertEquals(List.of(), offending);
  }

  @Test
  void sdkHttpClientsOtherThanUrlConnectionAreAbsent() throws Exception {
    for (String name : List.of(
        "software.amazon.awssdk.http.apache.ApacheHttpClient",
        "software.amazon.awssdk.http.apache5.Apache5HttpClient",
        "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
        "io.netty.channel.Channel")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
    Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient");
  }
}

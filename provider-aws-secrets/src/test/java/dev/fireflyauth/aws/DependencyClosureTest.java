package dev.fireflyauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.async.SdkAsyncHttpService;

/**
 * No SDK HTTP client module, no Netty, no Apache HTTP, no Jackson (the build's enforcer rule checks the declared
 * closure; this checks what actually runs): our class path registers no {@link SdkHttpService}, so an
 * application's own SDK clients see only the HTTP clients the application brings.
 */
class DependencyClosureTest {

  @Test
  void noHttpClientModuleNettyApacheOrJacksonJarOnTheClassPath() {
    List<String> offending = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(p -> p.replace(File.separatorChar, '/'))
        .filter(p -> p.contains("/io/netty/")
            || p.contains("/org/apache/httpcomponents")
            || p.contains("/software/amazon/awssdk/apache-client/")
            || p.contains("/software/amazon/awssdk/apache5-client/")
            || p.contains("/software/amazon/awssdk/netty-nio-client/")
            || p.contains("/software/amazon/awssdk/url-connection-client/")
            || p.contains("/software/amazon/awssdk/aws-crt-client/")
            || p.contains("/com/fasterxml/jackson/core/jackson-databind/"))
        .collect(Collectors.toList());
    assertEquals(List.of(), offending);
  }

  @Test
  void noSdkHttpServiceIsRegistered() {
    List<String> sync = new ArrayList<>();
    ServiceLoader.load(SdkHttpService.class).stream().forEach(p -> sync.add(p.type().getName()));
    List<String> async = new ArrayList<>();
    ServiceLoader.load(SdkAsyncHttpService.class).stream().forEach(p -> async.add(p.type().getName()));
    assertEquals(List.of(), sync);
    assertEquals(List.of(), async);
  }

  @Test
  void sdkHttpClientClassesAreAbsent() {
    for (String name : List.of(
        "software.amazon.awssdk.http.apache.ApacheHttpClient",
        "software.amazon.awssdk.http.apache5.Apache5HttpClient",
        "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
        "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
        "io.netty.channel.Channel",
        "com.fasterxml.jackson.databind.ObjectMapper")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }
}

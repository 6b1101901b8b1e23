package com.example.firefly;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** The README's Spring Boot example: an app with nothing but the starter. Run by {@link FireflyWebAppTest}. */
@SpringBootApplication
public class FireflyApp {
  @Value("${app.firefly.url:https://firefly-api.adobe.io}") String fireflyUrl;

  @Bean RestClient firefly(RestClient.Builder builder) { return builder.baseUrl(fireflyUrl).build(); }

  @Bean WebClient fireflyReactive(WebClient.Builder builder) { return builder.baseUrl(fireflyUrl).build(); }

  public static void main(String[] args) { SpringApplication.run(FireflyApp.class, args); }
}

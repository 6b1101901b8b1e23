package dev.fireflyauth.aws;

import dev.fireflyauth.testkit.TestSourceContext;
import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.testkit.FakeTimeSource;
import org.junit.jupiter.api.AfterEach;

/** A source on test clients, a Secrets Manager stub and a fake clock, all fresh for each test. */
abstract class StubbedSourceTest {
  final SecretsManagerStub aws = new SecretsManagerStub();
  final FakeTimeSource time = new FakeTimeSource();
  AwsSecretsCredentialSource source = TestAws.source();

  @AfterEach
  void closeSourceAndStub() {
    source.close();
    aws.close();
  }

  /** Loads through {@code locator} (null: the default chain) with the stub's endpoint and {@code settings}. */
  ClientCredentials load(String locator, String... settings) {
    return source.load(TestSourceContext.of(TestAws.settings(aws, settings), locator, time)).orElseThrow();
  }
}

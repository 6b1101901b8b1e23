package dev.fireflyauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Settings;
import dev.fireflyauth.aws.AwsSecretsCredentialSource;
import dev.fireflyauth.spi.support.StrictJson;
import dev.fireflyauth.testing.LeakScan;
import dev.fireflyauth.testkit.ConsoleSecret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Rotation onto an AWS Secrets Manager secret, through the real SDK against WireMock: the new secret is put as a
 * new version (AWSCURRENT) with the old one second, and a fresh FireflyAuth reading the secret exchanges with the
 * new one at the emulator.
 */
class AwsRotationTest {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";
  private static final String AWS_SECRET_KEY = LeakScan.sensitive("aws-secret-access-key-admin-test");

  private final Emulated e = new Emulated();
  private final SecretsManagerPeer aws = new SecretsManagerPeer(
      "{\"client_id\":\"" + e.client.clientId() + "\",\"client_secret\":\"" + e.secret + "\",\"note\":\"kept\"}");

  @AfterEach
  void close() {
    aws.close();
    e.close();
  }

  /** A FireflyAuth reading the secret with its own source (its own SDK client and cache), no token store. */
  private FireflyAuth auth(Settings settings) {
    return FireflyAuth.builder().settings(settings).locators(LOCATOR).tokenStore("none")
        .addSource(AwsSecretsCredentialSource.builder()
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDADMINTEST", AWS_SECRET_KEY)))
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(aws.url()))
            .build())
        .build();
  }

  @Test
  void theNewSecretIsPutFirstAndAFreshChainExchangesWithIt() throws Exception {
    Settings settings = e.settings().build();
    String target;
    String fresh;
    try (FireflyAuth auth = auth(settings);
        SecretsAdmin admin = SecretsAdmin.builder().settings(settings).credentials(auth.credentials()).build()) {
      SecretRotation.Rotated r = SecretRotation.builder(auth, admin).freshAuth(() -> auth(settings)).build()
          .rotate(false, false);
      fresh = Emulated.sensitive(r.secret());
      target = r.writtenBackTo();
    }
    assertEquals("aws-secrets prod/firefly (us-east-1, AWSCURRENT)", target);
    assertEquals(1, aws.puts());
    Map<?, ?> stored = (Map<?, ?>) StrictJson.parse(aws.value());
    assertEquals(List.of(fresh, e.secret), stored.get("client_secrets"));
    assertEquals("kept", stored.get("note"), "the rest of the secret is kept");

    e.time.advance(Duration.ofMinutes(5));
    try (FireflyAuth after = auth(settings)) {
      assertTrue(e.ims.isValidToken(after.token().value().reveal()));
    }
    String newUuid = e.ims.secretUuid(e.client.clientId(), fresh).orElseThrow();
    for (ConsoleSecret s : e.ims.secrets(e.client.clientId())) {
      assertEquals(s.uuid().equals(newUuid), s.lastUsed().equals(Optional.of(e.time.now())), s::toString);
    }
  }
}

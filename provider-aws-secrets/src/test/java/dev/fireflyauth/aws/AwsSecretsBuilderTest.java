package dev.fireflyauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.testkit.FakeTimeSource;
import dev.fireflyauth.testkit.TestSourceContext;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@link AwsSecretsCredentialSource#builder()}: a source on the application's own SDK client or credentials
 * provider, and how what it fixes in code weighs against the locator and the settings.
 */
class AwsSecretsBuilderTest {
  private static final String LOCATOR = "firefly:aws-secrets:prod/firefly";
  private static final String APP_KEY_ID = "AKIDAPPLICATION00002";
  private static final String JSON = "{\"client_id\":\"app-client\",\"client_secret\":\"app-secret-value\"}";
  private static final AwsCredentialsProvider APP_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(APP_KEY_ID, "app-secret-access-key-xyz"));

  private final SecretsManagerStub aws = new SecretsManagerStub();
  private final FakeTimeSource time = new FakeTimeSource();
  private AwsSecretsCredentialSource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
    aws.close();
  }

  private ClientCredentials load(String locator, Settings settings) {
    return source.load(TestSourceContext.of(settings, locator, time)).orElseThrow();
  }

  private String signedScope() {
    String auth = aws.requests().get(aws.requests().size() - 1).getHeader("Authorization");
    return auth.substring(auth.indexOf("Credential=") + "Credential=".length(), auth.indexOf(','));
  }

  private SecretsManagerClient appClient(Region region) {
    return SecretsManagerClient.builder()
        .region(region)
        .credentialsProvider(APP_CREDENTIALS)
        .endpointOverride(URI.create(aws.url()))
        .httpClient(JdkSdkHttpClient.create(Settings.builder().build(), java.time.Duration.ofSeconds(10)))
        .build();
  }

  @Test
  void theApplicationsCredentialsProviderRegionAndEndpoint() {
    aws.secretString(JSON);
    source = AwsSecretsCredentialSource.builder()
        .credentialsProvider(APP_CREDENTIALS)
        .region(Region.EU_WEST_1)
        .endpointOverride(URI.create(aws.url()))
        .build();
    ClientCredentials c = load(LOCATOR, Settings.builder()
        .put(Setting.AWS_REGION, "us-west-2") // code wins over settings
        .put(Setting.AWS_ENDPOINT, "http://127.0.0.1:9") // nothing listens there
        .build());
    assertEquals("app-client", c.clientId());
    assertTrue(signedScope().matches(APP_KEY_ID + "/\\d{8}/eu-west-1/secretsmanager/aws4_request"), signedScope());
    assertEquals("aws-secrets prod/firefly (eu-west-1, AWSCURRENT)", c.origin());
    assertEquals(1, source.clientsBuilt());
  }

  @Test
  void theLocatorsRegionWinsOverTheBuilders() {
    aws.secretString(JSON);
    source = AwsSecretsCredentialSource.builder().credentialsProvider(APP_CREDENTIALS).region(Region.EU_WEST_1)
        .endpointOverride(URI.create(aws.url())).build();
    load(LOCATOR + "?region=ap-south-1", Settings.builder().build());
    assertTrue(signedScope().contains("/ap-south-1/secretsmanager/"), signedScope());
  }

  @Test
  void withoutARegionTheSettingOrTheSdkChainDecides() {
    aws.secretString(JSON);
    source = AwsSecretsCredentialSource.builder().credentialsProvider(APP_CREDENTIALS).build();
    load(LOCATOR, TestAws.settings(aws, Setting.AWS_REGION.env(), "ca-central-1"));
    assertTrue(signedScope().contains("/ca-central-1/secretsmanager/"), signedScope());
  }

  @Test
  void theApplicationsOwnClientIsUsedAndNeverClosed() {
    aws.secretString(JSON);
    try (SecretsManagerClient app = appClient(Region.EU_CENTRAL_1)) {
      source = AwsSecretsCredentialSource.builder().client(app).build();
      ClientCredentials c = load(LOCATOR, Settings.builder()
          .put(Setting.AWS_ENDPOINT, "http://127.0.0.1:9") // ignored: the client has its own endpoint
          .put(Setting.AWS_REGION, "us-west-2") // ignored: the client has its own region
          .build());
      assertEquals("app-client", c.clientId());
      assertEquals("aws-secrets prod/firefly (eu-central-1, AWSCURRENT)", c.origin());
      assertTrue(signedScope().startsWith(APP_KEY_ID + "/"), signedScope());
      assertEquals(0, source.clientsBuilt(), "we built no client of our own");

      source.close();
      aws.secretString(JSON);
      app.getSecretValue(b -> b.secretId("prod/firefly")); // still open after our close()
      assertEquals(2, aws.count());
      CredentialSourceException closed =
          assertThrows(CredentialSourceException.class, () -> load(LOCATOR, Settings.builder().build()));
      assertEquals("the aws-secrets source is closed", closed.getMessage());
    }
  }

  @Test
  void anApplicationClientErrorNamesItsAccessKeyId() {
    aws.error(400, "AccessDeniedException", "not authorized");
    try (SecretsManagerClient app = appClient(Region.EU_CENTRAL_1)) {
      source = AwsSecretsCredentialSource.builder().client(app).build();
      CredentialSourceException e =
          assertThrows(CredentialSourceException.class, () -> load(LOCATOR, Settings.builder().build()));
      assertTrue(e.getMessage().startsWith("access denied reading secret prod/firefly (eu-central-1, AWSCURRENT): the"
          + " AWS identity (access key ID " + APP_KEY_ID + ") needs IAM permission secretsmanager:GetSecretValue"),
          e.getMessage());
    }
  }

  @Test
  void aLocatorRegionOtherThanTheApplicationClientsIsBroken() {
    try (SecretsManagerClient app = appClient(Region.EU_CENTRAL_1)) {
      source = AwsSecretsCredentialSource.builder().client(app).build();
      CredentialSourceException e = assertThrows(CredentialSourceException.class,
          () -> load(LOCATOR + "?region=us-east-1", Settings.builder().build()));
      assertEquals("parameter 'region' of locator 'firefly:aws-secrets:prod/firefly?region=…' is us-east-1 but the"
          + " application's SecretsManagerClient (AwsSecretsCredentialSource.builder().client(…)) is for eu-central-1:"
          + " drop ?region= or give a client for us-east-1", e.getMessage());
      String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/firefly-AbCdEf";
      CredentialSourceException fromArn = assertThrows(CredentialSourceException.class,
          () -> load("firefly:aws-secrets:" + arn, Settings.builder().build()));
      assertEquals("secret " + arn + " is in us-east-1 but the application's SecretsManagerClient"
          + " (AwsSecretsCredentialSource.builder().client(…)) is for eu-central-1: give a client for us-east-1",
          fromArn.getMessage());
      assertEquals(0, aws.count());
    }
  }

  @Test
  void aClientCannotBeCombinedWithWhatItAlreadyHas() {
    try (SecretsManagerClient app = appClient(Region.EU_CENTRAL_1)) {
      for (Runnable combination : List.<Runnable>of(
          () -> AwsSecretsCredentialSource.builder().client(app).region(Region.EU_WEST_1).build(),
          () -> AwsSecretsCredentialSource.builder().client(app).credentialsProvider(APP_CREDENTIALS).build(),
          () -> AwsSecretsCredentialSource.builder().client(app).endpointOverride(URI.create(aws.url())).build())) {
        IllegalStateException e = assertThrows(IllegalStateException.class, combination::run);
        assertTrue(e.getMessage().contains("do not combine it with credentialsProvider(…), region(…) or"
            + " endpointOverride(…)"), e.getMessage());
      }
    }
  }

  @Test
  void nullsAreRefused() {
    AwsSecretsCredentialSource.Builder b = AwsSecretsCredentialSource.builder();
    assertEquals("client", assertThrows(NullPointerException.class, () -> b.client(null)).getMessage());
    assertEquals("provider", assertThrows(NullPointerException.class, () -> b.credentialsProvider(null)).getMessage());
    assertEquals("region", assertThrows(NullPointerException.class, () -> b.region(null)).getMessage());
    assertEquals("endpoint", assertThrows(NullPointerException.class, () -> b.endpointOverride(null)).getMessage());
  }

  @Test
  void anEndpointOverrideFollowsTheHttpsRule() {
    CredentialSourceException e = assertThrows(CredentialSourceException.class, () -> AwsSecretsCredentialSource
        .builder().endpointOverride(URI.create("http://secretsmanager.internal.example.com")));
    assertEquals("endpointOverride(…) of AwsSecretsCredentialSource.builder() is"
        + " 'http://secretsmanager.internal.example.com': https is required, because a request for the client secret"
        + " is sent to this URL (plain http is allowed only for a loopback host such as localhost or 127.0.0.1)",
        e.getMessage());
  }

  @Test
  void aBuiltSourceThatIsNotConfiguredBuildsNothing() {
    source = AwsSecretsCredentialSource.builder().credentialsProvider(APP_CREDENTIALS).build();
    TestSourceContext ctx = TestSourceContext.of(Settings.builder().build(), null, time);
    assertTrue(source.load(ctx).isEmpty());
    assertEquals(0, source.clientsBuilt());
  }

  @Test
  void addSourceReplacesTheDiscoveredOne() {
    aws.secretString(JSON);
    source = AwsSecretsCredentialSource.builder().credentialsProvider(APP_CREDENTIALS)
        .endpointOverride(URI.create(aws.url())).region(Region.EU_WEST_1).build();
    try (FireflyAuth auth = FireflyAuth.builder() // the default class loader: the discovered aws-secrets is there too
        .addSource(source)
        .settings(Settings.builder().put(Setting.AWS_SECRET_ID, "prod/firefly").build())
        .timeSource(time)
        .build()) {
      assertEquals(1, auth.sourceNames().stream().filter("aws-secrets"::equals).count(), auth.sourceNames().toString());
      assertEquals("app-client", auth.credentials().clientId());
      assertTrue(signedScope().startsWith(APP_KEY_ID + "/"), "signed by the builder's provider: " + signedScope());
      assertEquals(1, source.clientsBuilt());
    }
    assertEquals(0, source.clientsOpen(), "FireflyAuth.close() closed the added source");
  }
}

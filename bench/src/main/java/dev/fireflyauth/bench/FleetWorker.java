package dev.fireflyauth.bench;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.Secret;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TokenProvider;
import dev.fireflyauth.ims.ImsTokenProviderFactory;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.store.TokenStores;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process of P10's fleet: an application serving many tenants, one {@link FireflyAuth} per tenant, all
 * sharing one token store, calling {@code token()} for every tenant at a steady pace until told to stop.
 *
 * <pre>
 * java -cp benchmarks.jar dev.fireflyauth.bench.FleetWorker IMS_URL STORE_SPEC CLIENTS_FILE SECONDS INTERVAL_MS
 * </pre>
 * {@code CLIENTS_FILE} holds one {@code clientId secret} per line. The tenants share one {@link HttpClient} (the
 * IMS provider's documented way to give it the application's client), as a multi-tenant service would. Prints one line at the end:
 * {@code calls=N failures=N warnings=N}. The secret is read from the file, never from the command line.
 */
public final class FleetWorker {
  private FleetWorker() {}

  public static void main(String[] args) throws Exception {
    String imsUrl = args[0];
    String spec = args[1];
    List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
    long seconds = Long.parseLong(args[3]);
    long intervalMs = Long.parseLong(args[4]);
    Settings settings = Settings.builder().put(Setting.IMS_URL, imsUrl).build();
    AtomicInteger warnings = new AtomicInteger();
    Optional<TokenStore> store = TokenStores.open(spec, "the fleet worker's store", settings, TimeSource.system(),
        List.of(FleetWorker.class.getClassLoader()), w -> warnings.incrementAndGet());
    ImsTokenProviderFactory ims = ImsTokenProviderFactory.builder()
        .httpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build())
        .build();
    List<FireflyAuth> tenants = new ArrayList<>();
    List<TokenProvider> providers = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(" ");
      FireflyAuth.Builder b = FireflyAuth.builder()
          .settings(settings)
          .addTokenProviderFactory(ims)
          .credentials(ClientCredentials.builder().clientId(f[0]).addSecret(Secret.of(f[1])).build());
      if (store.isPresent()) {
        b.tokenStore(store.get());
      } else {
        b.tokenStore(TokenStores.NONE);
      }
      FireflyAuth auth = b.build();
      tenants.add(auth);
      providers.add(auth.tokenProvider());
    }
    long calls = 0;
    long failures = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() - end < 0) {
      for (TokenProvider p : providers) {
        try {
          p.token();
        } catch (RuntimeException e) {
          failures++;
        }
        calls++;
      }
      Thread.sleep(intervalMs);
    }
    for (FireflyAuth a : tenants) {
      a.close();
    }
    if (store.isPresent()) {
      store.get().close();
    }
    System.out.println("calls=" + calls + " failures=" + failures + " warnings=" + warnings.get());
    System.exit(0);
  }
}

package dev.fireflyauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fireflyauth.testkit.ImsEmulator;
import dev.fireflyauth.testkit.RegisteredClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A modular application, as a user writes one ({@code requires dev.fireflyauth;} and nothing else), run on the
 * module path with the published jars and <em>no</em> {@code --add-modules}: the providers are discovered as
 * modules and the exchange with the emulator works. Then the same app linked into a {@code jlink} image.
 */
class ModulePathIT {
  private static ImsEmulator ims;
  private static RegisteredClient client;

  @BeforeAll
  static void start() {
    ims = ImsEmulator.start();
    client = ims.registerClient();
  }

  @AfterAll
  static void stop() {
    ims.close();
  }

  private static Map<String, String> env() {
    return Map.of(
        "FIREFLY_IMS_URL", ims.tokenUrl().toString(),
        "FIREFLY_SERVICES_CLIENT_ID", client.clientId(),
        "FIREFLY_SERVICES_CLIENT_SECRET", client.clientSecret());
  }

  private static List<Path> modules() {
    return List.of(Published.jar("api"), Published.jar("provider-env"), Published.jar("provider-file"),
        Published.jar("provider-ims"));
  }

  private static void assertExchanged(Published.Run r) {
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("sources [env, file]"), r::toString);
    assertTrue(r.out().contains("trace env: used"), r::toString);
    assertTrue(r.out().contains("trace ims: used"), r::toString);
    assertTrue(r.out().contains("origin ims via env FIREFLY_SERVICES_CLIENT_ID"), r::toString);
    String token = r.out().lines().filter(l -> l.startsWith("token ")).findFirst().orElseThrow().substring(6);
    assertTrue(ims.isValidToken(token), r::toString);
  }

  @Test
  void aModularAppFindsEnvFileAndImsOnTheModulePathWithoutAddModules() throws Exception {
    Path work = Published.work("module-path");
    Path app = Files.createDirectories(work.resolve("app"));
    Published.compileModule("modular", modules(), app);
    List<Path> path = new java.util.ArrayList<>(modules());
    path.add(app);
    Published.Run r = Published.run(List.of(Published.jdkTool("java"), "--module-path", Published.join(path),
        "-m", "com.example.app/com.example.app.Main"), env());
    assertExchanged(r);
  }

  @Test
  void aJlinkImageOfTheAppAndOurModulesRuns() throws Exception {
    Path work = Published.work("jlink");
    Path app = Files.createDirectories(work.resolve("app"));
    Published.compileModule("modular", modules(), app);
    List<Path> path = new java.util.ArrayList<>(modules());
    path.add(app);
    Path image = work.resolve("image");
    Published.Run link = Published.run(List.of(Published.jdkTool("jlink"), "--module-path", Published.join(path),
        "--add-modules", "com.example.app,dev.fireflyauth.env,dev.fireflyauth.file,dev.fireflyauth.ims",
        "--output", image.toString(), "--strip-debug", "--no-header-files", "--no-man-pages"), Map.of());
    assertEquals(0, link.exit(), link::toString);
    Published.Run r = Published.run(List.of(image.resolve("bin/java").toString(),
        "-m", "com.example.app/com.example.app.Main"), env());
    assertExchanged(r);
  }
}

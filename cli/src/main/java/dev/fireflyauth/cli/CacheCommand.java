package dev.fireflyauth.cli;

import dev.fireflyauth.FireflyAuth;
import dev.fireflyauth.spi.TokenStore;
import dev.fireflyauth.spi.TokenStoreException;
import dev.fireflyauth.store.StoredEntry;
import dev.fireflyauth.store.TokenStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code firefly-auth cache list|clear}: what the token store holds (masked client ID, scopes, expiry; never a
 * token, and no secret is needed to list), and removing it. Exits 5 when the store cannot be used right now.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "List or clear the tokens kept in the token store (FIREFLY_TOKEN_STORE, default: file).",
    subcommands = {CacheCommand.List.class, CacheCommand.Clear.class})
final class CacheCommand implements Runnable {
  @ParentCommand Cli cli;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cache needs a verb: list or clear");
  }

  /** Runs {@code work} on the configured store; prints why there is none, or why it cannot be used. */
  private int withStore(CommonOptions common, StoreWork work) {
    cli.startVerb(common);
    try (FireflyAuth auth = cli.auth(null, false)) {
      Optional<TokenStore> store = auth.tokenStore();
      if (store.isEmpty()) {
        cli.out.println("no token store is configured (" + TokenStores.SETTING.env() + "=" + TokenStores.NONE + ")");
        return ExitCode.OK;
      }
      Optional<String> problem = store.get().problem();
      if (problem.isPresent()) {
        cli.err.println("firefly-auth: token store " + problem.get());
        return ExitCode.TRANSIENT;
      }
      try {
        return work.run(store.get());
      } catch (TokenStoreException e) {
        cli.err.println("firefly-auth: " + e.getMessage());
        return ExitCode.TRANSIENT;
      }
    }
  }

  @FunctionalInterface
  private interface StoreWork {
    int run(TokenStore store);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show the store's location and, per token: masked client ID, scopes, expiry. Never a token.")
  static final class List implements Callable<Integer> {
    @ParentCommand CacheCommand cache;
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      return cache.withStore(common, store -> {
        Instant now = Instant.now();
        java.util.List<StoredEntry> entries = TokenStores.list(store, now);
        cache.cli.out.println("store: " + store.describe());
        for (StoredEntry e : entries) {
          cache.cli.out.println(String.format("  client %-14s scopes %s  expires %s (in %s)",
              e.maskedClientId(), String.join(",", e.scopes()), e.expiresAt(),
              human(Duration.between(now, e.expiresAt()))));
        }
        cache.cli.out.println(entries.size() + (entries.size() == 1 ? " token" : " tokens"));
        return ExitCode.OK;
      });
    }

    static String human(Duration d) {
      long m = Math.max(0, d.toMinutes());
      return m >= 60 ? (m / 60) + "h " + (m % 60) + "m" : m + "m";
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every token from the store.")
  static final class Clear implements Callable<Integer> {
    @ParentCommand CacheCommand cache;
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      return cache.withStore(common, store -> {
        int n = TokenStores.clear(store);
        cache.cli.out.println("removed " + n + (n == 1 ? " token" : " tokens") + " from " + store.describe());
        return ExitCode.OK;
      });
    }
  }
}

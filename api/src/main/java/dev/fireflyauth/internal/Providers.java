package dev.fireflyauth.internal;

import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.TokenProviderFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The sources and token provider factories one {@code FireflyAuth} works with: those discovered with
 * {@link java.util.ServiceLoader}, merged with those added in code (an added one replaces a discovered one of
 * the same name), and the trace entries of providers that failed to load.
 */
public record Providers(
    List<CredentialSource> sources,
    List<TraceEntry> sourceFailures,
    List<TokenProviderFactory> factories,
    List<TraceEntry> factoryFailures) {

  /** Discovers with {@code loaders} and merges in the providers added in code. */
  public static Providers discover(
      List<ClassLoader> loaders, List<CredentialSource> addedSources, List<TokenProviderFactory> addedFactories) {
    Discovery.Found<CredentialSource> s =
        Discovery.load(CredentialSource.class, loaders, TraceEntry.Stage.CREDENTIALS, CredentialSource::name);
    Discovery.Found<TokenProviderFactory> f =
        Discovery.load(TokenProviderFactory.class, loaders, TraceEntry.Stage.TOKEN, TokenProviderFactory::name);
    return new Providers(
        List.copyOf(replaceByName(addedSources, s.providers(), CredentialSource::name)),
        s.failures(),
        List.copyOf(replaceByName(addedFactories, f.providers(), TokenProviderFactory::name)),
        f.failures());
  }

  /** {@code added} first, then each discovered provider whose name no added one has: an added provider replaces. */
  private static <T> List<T> replaceByName(List<T> added, List<T> discovered, Function<T, String> name) {
    Set<String> names = new HashSet<>();
    added.forEach(a -> names.add(name.apply(a)));
    List<T> all = new ArrayList<>(added);
    for (T d : discovered) {
      if (!names.contains(name.apply(d))) {
        all.add(d);
      }
    }
    return all;
  }
}

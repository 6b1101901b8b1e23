package dev.fireflyauth.internal;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.TransientException;
import dev.fireflyauth.spi.CredentialsHandle;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.support.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Resolves credentials through the {@link CredentialChain} once, shares the result, and re-loads from the same
 * source on request: the {@link CredentialsHandle} token providers see.
 *
 * <h2>Who blocks</h2>
 *
 * <p>Once resolved, {@link #get()} is a volatile read. The first resolution runs on the first caller's thread;
 * concurrent callers wait for that one resolution (single flight) and share its result or its failure; a
 * failure is not kept, so the next call tries again. {@link #reload} runs on its caller without any lock, so
 * {@link #trace()} and {@link #close()} never wait behind a source that is slow to answer. {@link #close()}
 * interrupts threads inside a source's {@code load} and releases threads waiting for one.
 */
public final class Resolver implements CredentialsHandle {
  private final CredentialChain chain;
  private final AtomicReference<CompletableFuture<CredentialChain.Resolution>> resolving = new AtomicReference<>();
  private final Set<Thread> loading = ConcurrentHashMap.newKeySet();
  private volatile CredentialChain.Resolution resolution;
  private volatile List<TraceEntry> trace = List.of();
  private volatile boolean closed;

  public Resolver(CredentialChain chain) {
    this.chain = chain;
  }

  /** Whether credentials have been resolved (without resolving them). */
  public boolean resolved() {
    return resolution != null;
  }

  @Override
  public ClientCredentials get() {
    return resolution().credentials();
  }

  private CredentialChain.Resolution resolution() {
    CredentialChain.Resolution r = resolution;
    if (r != null) {
      return r;
    }
    while (true) {
      checkOpen();
      CompletableFuture<CredentialChain.Resolution> running = resolving.get();
      if (running != null) {
        return await(running);
      }
      CompletableFuture<CredentialChain.Resolution> mine = new CompletableFuture<>();
      if (!resolving.compareAndSet(null, mine)) {
        continue;
      }
      List<TraceEntry> steps = new ArrayList<>();
      try {
        r = load(() -> chain.resolve(steps));
        resolution = r;
        trace = List.copyOf(steps);
        mine.complete(r);
        return r;
      } catch (RuntimeException | Error e) {
        trace = List.copyOf(steps);
        mine.completeExceptionally(e);
        throw e;
      } finally {
        resolving.compareAndSet(mine, null);
      }
    }
  }

  /**
   * Loads again from the source that supplied the credentials: the same source, never the whole chain (another
   * source would be another identity). After IMS rejected every secret, {@code bypassCaches} makes the source
   * read its store itself (a file re-read, Secrets Manager fetched again) instead of a cached copy.
   */
  @Override
  public ClientCredentials reload(boolean bypassCaches) {
    CredentialChain.Resolution earlier = resolution();
    CredentialChain.Step step = earlier.step();
    LoadContext ctx = chain.contextFor(step, bypassCaches);
    ClientCredentials fresh = load(() -> CredentialChain.load(step.source(), ctx)).orElseThrow(
        () -> new CredentialSourceException(step.source().name(),
            "source '" + step.source().name() + "' no longer has credentials on re-load: " + ctx.reason()));
    resolution = new CredentialChain.Resolution(fresh, step);
    return fresh;
  }

  /** How the source that supplied the credentials would store a rotated secret (resolving them if needed). */
  public Optional<SecretWriteBack> writeBack() {
    return chain.writeBack(resolution());
  }

  /** What the credential chain did when it resolved (or last failed to); empty before. Never blocks. */
  public List<TraceEntry> trace() {
    return trace;
  }

  /** Interrupts source loads in progress and fails those waiting for them; later calls throw. */
  public void close() {
    closed = true;
    CompletableFuture<CredentialChain.Resolution> running = resolving.get();
    if (running != null) {
      running.cancel(false);
    }
    for (Thread t : loading) {
      t.interrupt();
    }
  }

  private <T> T load(Supplier<T> work) {
    Thread me = Thread.currentThread();
    loading.add(me);
    try {
      checkOpen();
      return work.get();
    } finally {
      loading.remove(me);
      if (closed) {
        Thread.interrupted(); // our close() interrupted us: do not leave the flag on the caller's thread
      }
    }
  }

  private CredentialChain.Resolution await(CompletableFuture<CredentialChain.Resolution> f) {
    try {
      return Futures.await(f);
    } catch (CancellationException e) {
      throw new IllegalStateException("this FireflyAuth was closed while credentials were being resolved");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting for credentials to be resolved", e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this FireflyAuth is closed");
    }
  }
}

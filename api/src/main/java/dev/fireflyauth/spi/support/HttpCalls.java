package dev.fireflyauth.spi.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests whose <em>whole</em> reply, headers and body, must arrive within a timeout, reads at most a
 * given number of body bytes, and can release every caller at once on {@link #close()}.
 *
 * <p>Why it exists: {@link HttpRequest#timeout()} bounds the wait for the response headers only; a peer that
 * sends headers and then trickles or stalls the body would hang the caller forever. Here each call waits on
 * the reply future with its own deadline and cancels the exchange when it passes; {@code close()} cancels
 * every call in flight, so closing a provider also releases a thread blocked in an exchange. The JDK's
 * stock body handlers read everything; the handler here stops at the cap. One instance per provider;
 * thread-safe.
 */
public final class HttpCalls implements AutoCloseable {
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Thrown when {@link #close()} ended a call, or a call was made after it. */
  public static final class ClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedException(String message) {
      super(message);
    }
  }

  /**
   * Sends {@code request} and reads the reply.
   *
   * @param maxBodyBytes bodies larger than this are not read ({@link HttpReply#tooLarge()})
   * @param timeout the longest wait for the complete reply, body included
   * @throws HttpTimeoutException when the reply is not complete within {@code timeout}
   * @throws ClosedException when {@link #close()} was called before or during the call
   * @throws IOException for a network fault or a malformed reply (a bad {@code Content-Length}, say)
   * @throws InterruptedException when the caller is interrupted (the exchange is cancelled)
   */
  public HttpReply send(HttpClient client, HttpRequest request, int maxBodyBytes, Duration timeout)
      throws IOException, InterruptedException {
    if (closed) {
      throw new ClosedException("closed");
    }
    CompletableFuture<HttpResponse<HttpReply>> call;
    try {
      call = client.sendAsync(request, new CappedBody(request.uri(), maxBodyBytes));
    } catch (IllegalArgumentException e) {
      throw new IOException("the request could not be sent (" + e.getClass().getSimpleName() + ")", e);
    }
    running.add(call);
    try {
      if (closed) {
        throw new ClosedException("closed");
      }
      return call.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS).body();
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new HttpTimeoutException("no complete reply within " + timeout.toMillis() + " ms");
    } catch (CancellationException e) {
      throw new ClosedException("closed while waiting for the reply");
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = Futures.unwrap(e);
      if (closed || cause instanceof CancellationException) {
        throw new ClosedException("closed while waiting for the reply");
      }
      if (cause.getClass() == HttpTimeoutException.class) {
        // The JDK's own header deadline (the request's timeout) races ours; the same fault gets one message.
        throw new HttpTimeoutException(
            "no complete reply within " + request.timeout().orElse(timeout).toMillis() + " ms");
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      // The JDK reports some malformed replies (a Content-Length that is not a number) unchecked.
      throw new IOException("malformed reply (" + cause.getClass().getSimpleName() + ")", cause);
    } finally {
      running.remove(call);
    }
  }

  /** Cancels every call in flight (their callers get {@link ClosedException}) and refuses new ones. */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<?> f : running) {
      f.cancel(true);
    }
  }

  /** Collects the body up to a cap; a body known or found to be larger is cancelled unread. */
  private static final class CappedBody implements HttpResponse.BodyHandler<HttpReply> {
    private final URI uri;
    private final int max;

    CappedBody(URI uri, int max) {
      this.uri = uri;
      this.max = max;
    }

    @Override
    public HttpResponse.BodySubscriber<HttpReply> apply(HttpResponse.ResponseInfo info) {
      return new HttpResponse.BodySubscriber<>() {
        private final CompletableFuture<HttpReply> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<HttpReply> getBody() {
          return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          long declared;
          try {
            declared = info.headers().firstValueAsLong("content-length").orElse(-1L);
          } catch (NumberFormatException e) {
            s.cancel();
            result.completeExceptionally(new IOException("malformed Content-Length header"));
            return;
          }
          if (declared > max) {
            refuse();
          } else {
            s.request(Long.MAX_VALUE);
          }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
          if (result.isDone()) {
            return;
          }
          for (ByteBuffer b : items) {
            if (buffer.size() + b.remaining() > max) {
              refuse();
              return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buffer.writeBytes(chunk);
          }
        }

        @Override
        public void onError(Throwable t) {
          result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
          result.complete(new HttpReply(uri, info.statusCode(), info.headers(), buffer.toByteArray(), false));
        }

        private void refuse() {
          subscription.cancel();
          result.complete(new HttpReply(uri, info.statusCode(), info.headers(), new byte[0], true));
        }
      };
    }
  }
}

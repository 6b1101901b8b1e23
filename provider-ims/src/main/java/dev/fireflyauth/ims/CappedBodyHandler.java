package dev.fireflyauth.ims;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response into an {@link ImsReply}, but stops reading (and cancels the response) as soon as the body
 * is known to exceed {@link ImsReply#MAX_BODY_BYTES}.
 *
 * <p>Why it exists: a misbehaving proxy or endpoint must not make us buffer an unbounded body; the JDK's
 * handlers read everything.
 */
final class CappedBodyHandler implements HttpResponse.BodyHandler<ImsReply> {
  private final URI endpoint;
  private final int maxBytes;

  CappedBodyHandler(URI endpoint, int maxBytes) {
    this.endpoint = endpoint;
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<ImsReply> apply(HttpResponse.ResponseInfo info) {
    return new Subscriber(info);
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<ImsReply> {
    private final HttpResponse.ResponseInfo info;
    private final CompletableFuture<ImsReply> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    Subscriber(HttpResponse.ResponseInfo info) {
      this.info = info;
    }

    @Override
    public CompletionStage<ImsReply> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1L);
      if (declared > maxBytes) {
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
        if (buffer.size() + b.remaining() > maxBytes) {
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
      result.complete(reply(buffer.toByteArray(), false));
    }

    private void refuse() {
      subscription.cancel();
      result.complete(reply(new byte[0], true));
    }

    private ImsReply reply(byte[] body, boolean tooLarge) {
      return new ImsReply(endpoint, info.statusCode(), info.headers(), body, tooLarge);
    }
  }
}

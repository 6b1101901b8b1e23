package dev.fireflyauth.bench;

/** The physical limit: a token in a {@code volatile} field, read with no expiry check at all. */
final class VolatileContender implements Contender {
  private volatile String token;

  VolatileContender(FakeIms ims) {
    this.token = ims.exchange().value;
  }

  @Override
  public String token() {
    return token;
  }
}

package dev.fireflyauth.bench;

/**
 * One token cache under test, reduced to the call an application makes on every request.
 *
 * <p>Why it exists: each scenario drives every library the same way, so the difference in the figures is the
 * difference in the libraries. {@link #token()} returns the library's own token object (not a string made
 * from it) so no contender pays for a conversion the others skip.
 */
interface Contender extends AutoCloseable {

  /** What the library hands an application that needs a token now; throws what the library throws. */
  Object token() throws Exception;

  @Override
  default void close() {}
}

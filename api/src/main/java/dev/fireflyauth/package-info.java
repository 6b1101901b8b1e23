/**
 * What applications call: {@link dev.fireflyauth.FireflyAuth} (the entry point), the value types
 * ({@link dev.fireflyauth.ClientCredentials}, {@link dev.fireflyauth.AccessToken}, {@link dev.fireflyauth.Secret},
 * {@link dev.fireflyauth.Locator}, {@link dev.fireflyauth.Settings}) and the typed errors
 * ({@link dev.fireflyauth.FireflyAuthException} and its kinds).
 *
 * <p>A few members here are for providers and tools rather than applications, and say so:
 * {@link dev.fireflyauth.Setting#of}, the public {@link dev.fireflyauth.TraceEntry} constructor, and
 * {@link dev.fireflyauth.AccessToken}'s monotonic accessors. Providers implement {@code dev.fireflyauth.spi}.
 */
package dev.fireflyauth;

/**
 * What providers implement, found with {@link java.util.ServiceLoader}: credential sources
 * ({@link dev.fireflyauth.spi.CredentialSource}), token provider factories
 * ({@link dev.fireflyauth.spi.TokenProviderFactory}) and token stores
 * ({@link dev.fireflyauth.spi.TokenStoreFactory}), with the contexts they are given. Applications do not need
 * this package.
 */
package dev.fireflyauth.spi;

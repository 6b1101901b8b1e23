/**
 * {@code firefly-auth secrets list|add|delete|rotate}: a credential's client secrets through Adobe's I/O
 * Management API, and the rotation that writes a new secret back where the credentials are kept
 * ({@code firefly-auth-admin}).
 */
package dev.fireflyauth.cli.secrets;

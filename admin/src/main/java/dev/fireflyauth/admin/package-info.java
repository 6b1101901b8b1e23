/**
 * Managing a credential's client secrets: {@link dev.fireflyauth.admin.SecretsAdmin} talks to Adobe's I/O
 * Management API, {@link dev.fireflyauth.admin.SecretRotation} rotates the secret end to end. For operators and
 * tools ({@code firefly-auth secrets}); applications that only call Firefly never need it.
 */
package dev.fireflyauth.admin;

/**
 * Not API: the token store's keys, sealing (AES-GCM under a client-secret-derived key), the file store and the
 * tier that puts a store behind a token cache.
 */
package dev.fireflyauth.internal.store;

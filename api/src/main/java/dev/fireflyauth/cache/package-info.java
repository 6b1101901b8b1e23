/**
 * The token cache engine every token provider uses: {@link dev.fireflyauth.cache.TokenCache} (hot path,
 * proactive refresh, single flight, stale on error, backoff), its listener and its optional
 * {@link dev.fireflyauth.cache.SharedTier} (a token store shared with other processes).
 */
package dev.fireflyauth.cache;

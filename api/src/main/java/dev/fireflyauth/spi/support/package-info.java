/**
 * Plumbing every provider needs, written once: the strict JSON reader and writer, peer-text cleaning, the
 * secure-endpoint rule, locator parameter checks, strict UTF-8, the HTTP client rules (proxies, bounded calls),
 * header-value and masking rules, the HTTP adapters' host allow-list. JDK only; stable for provider authors,
 * not meant for applications.
 */
package dev.fireflyauth.spi.support;

/**
 * Reading token stores for tools: which store a setting names ({@link dev.fireflyauth.store.TokenStores}) and what
 * an entry shows without any secret ({@link dev.fireflyauth.store.StoredEntry}), for {@code firefly-auth cache}.
 */
package dev.fireflyauth.store;

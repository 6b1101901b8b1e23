/**
 * Token providers: the IMS {@code client_credentials} exchange ({@link dev.fireflyauth.ims.ImsTokenProviderFactory},
 * public so embedders can give it their {@code HttpClient} or retry policy) and the ready-made token. The rest is
 * the exchange's layers, one per file: request, retry policy, secret rotation, reply parsing and error
 * classification.
 */
package dev.fireflyauth.ims;

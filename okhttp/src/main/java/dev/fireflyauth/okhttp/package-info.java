/** An OkHttp interceptor and authenticator that sign requests to allowed hosts and retry a 401 once. */
package dev.fireflyauth.okhttp;

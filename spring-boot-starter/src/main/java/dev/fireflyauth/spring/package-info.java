/**
 * Spring Boot auto-configuration: a {@code FireflyAuth} bean read from the Spring {@code Environment}, request
 * signing for allowed hosts on {@code RestClient}, {@code RestTemplate} and {@code WebClient}, a health indicator
 * and Micrometer meters.
 */
package dev.fireflyauth.spring;

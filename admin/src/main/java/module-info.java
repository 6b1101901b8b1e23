/**
 * Firefly Auth's admin side: a credential's client secrets through Adobe's I/O Management API (list, add,
 * delete) and the secret rotation built on them (add, write back where the credentials are kept, prove an
 * exchange with the new secret, retire the old one). JDK, api and the IMS provider only.
 */
module dev.fireflyauth.admin {
  requires transitive dev.fireflyauth;
  requires dev.fireflyauth.ims;

  exports dev.fireflyauth.admin;
}

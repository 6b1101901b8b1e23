// A user's modular application: it requires only the api and names no provider; the providers are found on
// the module path by ServiceLoader. Run without any --add-modules.
module com.example.app {
  requires dev.fireflyauth;
}

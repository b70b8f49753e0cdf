import Hummingbird

/// A signed-in browser: its session id (the cookie) and the CSRF token its
/// forms carry.
struct ConsoleSession: Sendable, Equatable {
  var id: String
  var csrf: String
}

/// The request context of the console's routes: the session, set by
/// ``AccessGuard`` before any page is made.
struct ConsoleContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  /// Nil only on the public assets.
  var session: ConsoleSession?

  init(source: Source) {
    coreContext = .init(source: source)
  }
}

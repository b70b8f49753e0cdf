import Crypto
import Foundation

/// The console's sign-in: one token printed at start, exchanged once for a
/// session (an `HttpOnly; SameSite=Strict` cookie), each session with its
/// own CSRF token for the forms. Nothing is kept on disk: a restarted
/// console prints a new token and forgets every session.
actor SessionKeeper {
  /// The token in the printed URL; usable once.
  nonisolated let startToken: String
  private var startTokenUsed = false
  /// Session id to its CSRF token.
  private var sessions: [String: String] = [:]

  init(startToken: String = SessionKeeper.randomToken()) {
    self.startToken = startToken
  }

  /// How a sign-in attempt ended.
  enum SignIn: Equatable {
    /// A new session: its id (the cookie's value).
    case signedIn(session: String)
    /// Unknown token, or the one-time token used before.
    case refused
  }

  /// Exchanges the start token for a session, once.
  func signIn(token: String) -> SignIn {
    guard !startTokenUsed, Self.same(token, startToken) else { return .refused }
    startTokenUsed = true
    let session = Self.randomToken()
    sessions[session] = Self.randomToken()
    return .signedIn(session: session)
  }

  /// The CSRF token of session `id`, nil for an unknown session.
  func csrfToken(ofSession id: String) -> String? {
    sessions[id]
  }

  /// 32 random bytes as hex, from the system's CSPRNG.
  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
  }

  /// Compares two secrets in time independent of where they differ.
  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}

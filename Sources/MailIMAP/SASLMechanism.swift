import Foundation

/// How the client signs in: `LOGIN` with a password, or `AUTHENTICATE` with
/// a SASL mechanism that carries an OAuth 2.0 bearer token. The names are
/// the ones `--imap-auth` takes.
public enum IMAPAuthMethod: String, Sendable, Hashable, CaseIterable {
  case password
  case xoauth2
  case oauthbearer

  /// The SASL mechanism of a token method; nil for the password.
  public var mechanism: SASLMechanism? {
    switch self {
    case .password: return nil
    case .xoauth2: return .xoauth2
    case .oauthbearer: return .oauthBearer
    }
  }
}

/// The SASL mechanisms that carry an OAuth 2.0 bearer token: Google's and
/// Microsoft's `XOAUTH2`, and the standard `OAUTHBEARER` (RFC 7628).
public enum SASLMechanism: String, Sendable, Hashable, CaseIterable {
  case xoauth2 = "XOAUTH2"
  case oauthBearer = "OAUTHBEARER"

  /// The client's first message, before base64.
  ///
  /// XOAUTH2: `user=U ^A auth=Bearer T ^A ^A`. OAUTHBEARER: the GS2 header
  /// `n,a=U,` (RFC 5801, with `,` and `=` in U escaped as `=2C` and `=3D`),
  /// then `^A host=H ^A port=P ^A auth=Bearer T ^A ^A` (RFC 7628 3.1).
  func initialResponse(user: String, token: OAuthToken, host: String, port: Int) -> [UInt8] {
    switch self {
    case .xoauth2:
      return Array("user=\(user)\u{1}auth=Bearer \(token.value)\u{1}\u{1}".utf8)
    case .oauthBearer:
      let authzid = user.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
      return Array("n,a=\(authzid),\u{1}host=\(host)\u{1}port=\(port)\u{1}auth=Bearer \(token.value)\u{1}\u{1}".utf8)
    }
  }

  /// The client's answer to the server's error challenge, which ends the
  /// exchange so the server sends its tagged NO: nothing for XOAUTH2 (as
  /// Google documents it), a single %x01 for OAUTHBEARER (RFC 7628 3.2.3).
  var answerToError: [UInt8] {
    switch self {
    case .xoauth2: return []
    case .oauthBearer: return [0x01]
    }
  }
}

/// An OAuth 2.0 access token. It prints as `OAuthToken(hidden)`, so putting
/// one into a message, a log line or a test failure never shows it.
public struct OAuthToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The bearer token, sent only inside `AUTHENTICATE`.
  let value: String

  /// A token as an identity provider issued it; nil when the text is empty
  /// or holds anything but visible ASCII (RFC 6750's b64token is a subset),
  /// which would break the SASL message it travels in.
  public init?(_ text: String) {
    guard !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
    value = text
  }

  public var description: String { "OAuthToken(hidden)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [:]) }

  /// When the token stops being valid, if it is a JWT with an `exp` claim
  /// (Microsoft's are; Google's are opaque). Read without checking the
  /// signature: it only lets a refusal say "expired" instead of "invalid".
  public var expiry: Date? {
    let parts = value.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    guard let data = Data(base64Encoded: base64),
      let claims = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      let exp = claims["exp"] as? NSNumber
    else { return nil }
    return Date(timeIntervalSince1970: exp.doubleValue)
  }
}

/// What a session signs in with: a password (`LOGIN`) or a token and the
/// SASL mechanism to carry it (`AUTHENTICATE`). Neither is ever stored, and
/// neither shows when the credential is printed.
public enum IMAPCredential: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  case password(String)
  case token(OAuthToken, SASLMechanism)
  /// A Dovecot master user's name and password, signing in on behalf of the
  /// address's user (`AUTHENTICATE PLAIN` with the user as authorization
  /// identity, RFC 4616): one administrator reads every user's folders.
  case master(String, password: String)

  public var description: String {
    switch self {
    case .password: return "password(hidden)"
    case .token(_, let mechanism): return "token(hidden, \(mechanism.rawValue))"
    case .master(let master, _): return "master(\(master), password hidden)"
    }
  }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// Why the server refused a token, read from the JSON of its error
/// challenge (RFC 7628 3.2.2; Google's XOAUTH2 sends HTTP codes instead of
/// the RFC 6750 error names) and from the token itself.
public enum OAuthRefusal: Sendable, Equatable {
  /// The token's `exp` claim is past.
  case expired(Date)
  /// `invalid_token` or 401: expired, revoked, badly signed, or for another
  /// service or tenant.
  case invalidToken
  /// `insufficient_scope` or 403: the token was issued without the scope
  /// the server needs.
  case insufficientScope
  /// `invalid_request` or 400: the server could not read the sign-in.
  case invalidRequest
  /// The server refused without an error challenge (Exchange Online does).
  case unexplained

  /// The refusal that the server's `status` and the token say.
  static func reading(status: String?, token: OAuthToken, now: Date = Date()) -> OAuthRefusal {
    switch status?.lowercased() {
    case "insufficient_scope", "403": return .insufficientScope
    case "invalid_request", "400": return .invalidRequest
    case "invalid_token", "401":
      if let expiry = token.expiry, expiry <= now { return .expired(expiry) }
      return .invalidToken
    default:
      if let expiry = token.expiry, expiry <= now { return .expired(expiry) }
      return .unexplained
    }
  }
}

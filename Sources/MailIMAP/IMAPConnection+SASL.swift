import Foundation

extension IMAPConnection {
  /// Signs in with `AUTHENTICATE` and an OAuth 2.0 token (RFC 3501 6.2.2).
  ///
  /// The client's first message goes on the command line when the server
  /// offers SASL-IR (RFC 4959), else after the server's empty continuation.
  /// A refusal comes as a continuation holding base64 JSON
  /// (`{"status":"invalid_token","scope":...}`, RFC 7628 3.2.2): the client
  /// answers it as the mechanism requires, then reads the tagged NO, and
  /// both become ``IMAPError/tokenRefused(server:user:mechanism:reason:scope:serverText:)``.
  /// The token travels only inside the base64 message and is never part of
  /// an error.
  func authenticate(user: String, token: OAuthToken, mechanism: SASLMechanism, host: String, port: Int) throws {
    let offered = try knownCapabilities()
    guard offered.contains("AUTH=" + mechanism.rawValue) else {
      throw IMAPError.mechanismNotOffered(
        server: server, mechanism: mechanism,
        offered: offered.filter { $0.hasPrefix("AUTH=") }.map { String($0.dropFirst(5)) }.sorted())
    }
    let during = "AUTHENTICATE \(mechanism.rawValue)"
    let tag = takeTag()
    let initial = Data(mechanism.initialResponse(user: user, token: token, host: host, port: port)).base64EncodedString()
    var waitingForEmptyContinuation = !offered.contains("SASL-IR")
    if waitingForEmptyContinuation {
      try send(Array("\(tag) AUTHENTICATE \(mechanism.rawValue)\r\n".utf8), during: during)
    } else {
      try send(Array("\(tag) AUTHENTICATE \(mechanism.rawValue) \(initial)\r\n".utf8), during: during)
    }
    var challenge: [String: Any]?
    while true {
      let frame = try nextFrame(during: during)
      switch IMAPResponse(frame: frame) {
      case .continuation:
        if waitingForEmptyContinuation {
          waitingForEmptyContinuation = false
          try send(Array((initial + "\r\n").utf8), during: during)
        } else if challenge == nil {
          challenge = Self.errorChallenge(frame) ?? [:]
          try send(Array((Data(mechanism.answerToError).base64EncodedString() + "\r\n").utf8), during: during)
        } else {
          // Nothing more to say: `*` cancels the exchange (RFC 3501 6.2.2).
          try send(Array("*\r\n".utf8), during: during)
        }
      case .tagged(let t, let status, let text) where t == tag:
        if status == .ok { return }
        let reason = OAuthRefusal.reading(status: Self.text(challenge?["status"]), token: token)
        throw IMAPError.tokenRefused(
          server: server, user: user, mechanism: mechanism, reason: reason, scope: Self.text(challenge?["scope"]),
          serverText: text)
      case .untagged, .tagged, nil:
        continue
      }
    }
  }

  /// The JSON object in a `+ base64` continuation; nil when it holds none.
  static func errorChallenge(_ frame: [UInt8]) -> [String: Any]? {
    let payload = String(decoding: frame.dropFirst(), as: UTF8.self).trimmingCharacters(in: .whitespaces)
    guard let data = Data(base64Encoded: payload) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }

  /// A JSON value as text: Google sends `"status":"401"`, others a number.
  private static func text(_ value: Any?) -> String? {
    if let string = value as? String { return string.isEmpty ? nil : string }
    if let number = value as? NSNumber { return number.stringValue }
    return nil
  }
}

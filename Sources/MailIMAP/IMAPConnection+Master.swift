import Foundation

extension IMAPConnection {
  /// Signs in as the master user `master` on behalf of `user`:
  /// `AUTHENTICATE PLAIN` whose message is `user NUL master NUL password`
  /// (RFC 4616: authorization identity, authentication identity, password).
  /// Dovecot accepts it from a passdb marked `master = yes` and opens
  /// `user`'s mailboxes; it is the same login as `LOGIN "user*master"` with
  /// `auth_master_user_separator = *`, without depending on the separator.
  ///
  /// The password travels only inside the base64 message; a refusal is
  /// ``IMAPError/authenticationFailed(server:user:serverText:)`` naming the
  /// login as `user*master`.
  func authenticateAsMaster(_ master: String, password: String, for user: String) throws {
    let login = "\(user)*\(master)"
    let offered = try knownCapabilities()
    guard offered.contains("AUTH=PLAIN") else {
      throw IMAPError.authenticationFailed(
        server: server, user: login,
        serverText: "the server does not offer AUTHENTICATE PLAIN, which a master-user login needs")
    }
    let during = "AUTHENTICATE PLAIN"
    let tag = takeTag()
    let message = Data(Array(user.utf8) + [0] + Array(master.utf8) + [0] + Array(password.utf8)).base64EncodedString()
    var waitingForContinuation = !offered.contains("SASL-IR")
    if waitingForContinuation {
      try send(Array("\(tag) AUTHENTICATE PLAIN\r\n".utf8), during: during)
    } else {
      try send(Array("\(tag) AUTHENTICATE PLAIN \(message)\r\n".utf8), during: during)
    }
    while true {
      let frame = try nextFrame(during: during)
      switch IMAPResponse(frame: frame) {
      case .continuation:
        // PLAIN has one message; a second challenge is answered with `*`
        // (cancel), so the server ends the exchange with its tagged answer.
        try send(Array(((waitingForContinuation ? message : "*") + "\r\n").utf8), during: during)
        waitingForContinuation = false
      case .tagged(let t, let status, let text) where t == tag:
        guard status == .ok else { throw IMAPError.authenticationFailed(server: server, user: login, serverText: text) }
        return
      case .untagged, .tagged, nil:
        continue
      }
    }
  }
}

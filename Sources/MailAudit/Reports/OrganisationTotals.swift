import Foundation

/// Findings counted by whose mail they are and by the sender's domain: the
/// organisation's view of an index whose mailboxes have owners.
public struct OrganisationTotals: Sendable, Codable, Equatable {
  /// One owner's share of the index.
  public struct Owner: Sendable, Codable, Equatable {
    public var owner: String
    /// Mailboxes recorded as this owner's.
    public var mailboxes: Int
    /// Distinct messages found in them.
    public var messages: Int
    public var findings: Int
    /// Incidents holding at least one of these findings.
    public var incidents: Int
  }

  /// One sender domain's share of the index.
  public struct SenderDomain: Sendable, Codable, Equatable {
    /// The From domain, lower-case; empty when the message had no readable sender.
    public var domain: String
    public var messages: Int
    public var findings: Int
  }

  /// Most findings first, then by name.
  public var owners: [Owner]
  /// Most findings first, then by name.
  public var senderDomains: [SenderDomain]
  /// Messages found in no owned mailbox.
  public var messagesWithoutOwner: Int
}

extension OrganisationTotals {
  /// Rows shown in the text summary; the JSON line holds them all.
  static let shownInText = 10

  /// The summary lines: findings by owner and by sender domain, worded by `c`.
  func textLines(_ c: MessageCatalog) -> [String] {
    func list(_ items: [(String, Int)]) -> [String: CustomStringConvertible] {
      let shown = items.prefix(Self.shownInText).map { "\($0.0.isEmpty ? c["run.none"] : $0.0) \($0.1)" }
      let more = items.count > Self.shownInText ? c.text("run.more", ["count": items.count - Self.shownInText]) : ""
      return ["list": shown.joined(separator: ", "), "more": more]
    }
    var lines = [
      c.text("run.owners", list(owners.map { ($0.owner, $0.findings) })),
      c.text("run.senderDomains", list(senderDomains.map { ($0.domain, $0.findings) })),
    ]
    if messagesWithoutOwner > 0 { lines.append(c.text("run.unowned", ["count": messagesWithoutOwner])) }
    return lines
  }

  /// The fields this adds to the `--json` summary line (snake_case keys).
  var jsonFields: [String: Any] {
    [
      "findings_by_owner": owners.map {
        ["owner": $0.owner, "mailboxes": $0.mailboxes, "messages": $0.messages, "findings": $0.findings,
          "incidents": $0.incidents] as [String: Any]
      },
      "findings_by_sender_domain": senderDomains.map {
        ["domain": $0.domain, "messages": $0.messages, "findings": $0.findings] as [String: Any]
      },
      "messages_without_owner": messagesWithoutOwner,
    ]
  }
}

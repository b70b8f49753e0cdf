import MailParsing
import XCTest

@testable import MailAudit

/// Who a message showed to whom: To, Cc, Resent-To and Resent-Cc, each
/// address once in header order, the first display name kept, whether the
/// list is short (looked along) or long (a table).
final class VisibleRecipientsTests: XCTestCase {
  func recipients(_ fields: String) -> VisibleRecipients {
    let header = Array("From: a@corp.example\r\n\(fields)Subject: s\r\n".utf8)
    let location = MessageLocation(format: .single, mailbox: "t", file: "t")
    return VisibleRecipients(MessageHeaders(parsing: RawMessage(location: location, header: header)))
  }

  /// What the list must be: first occurrences in order, with the first
  /// non-empty display name given anywhere for the address.
  func expected(_ listed: [(name: String?, address: String)]) -> [VisibleRecipient] {
    var out: [VisibleRecipient] = []
    for (name, address) in listed {
      let normalized = address.lowercased()
      if let i = out.firstIndex(where: { $0.address == normalized }) {
        if out[i].displayName == nil { out[i].displayName = name }
      } else {
        out.append(VisibleRecipient(address: normalized, displayName: name))
      }
    }
    return out
  }

  func testEachAddressOnceInHeaderOrderAcrossToCcAndResentWithTheFirstNameGiven() {
    let found = recipients(
      "To: B@One.example, Carol <c@two.example>\r\nCc: \"Bee\" <b@one.example>, d@three.example\r\n"
        + "Resent-To: C@TWO.example\r\nResent-Cc: Eve <e@four.example>\r\nBcc: hidden@five.example\r\n")
    XCTAssertEqual(
      found.recipients,
      [
        VisibleRecipient(address: "b@one.example", displayName: "Bee"),
        VisibleRecipient(address: "c@two.example", displayName: "Carol"),
        VisibleRecipient(address: "d@three.example"),
        VisibleRecipient(address: "e@four.example", displayName: "Eve"),
      ])
    XCTAssertEqual(found.unreadable, [])
  }

  func testShortAndLongListsWithRepeatsGiveTheSameRecipients() {
    // 6 entries are looked along; 60 and 3,000 go through the table. Every
    // third entry repeats an earlier address, some with a name.
    for count in [6, 8, 9, 60, 3000] {
      var listed: [(name: String?, address: String)] = []
      for i in 0..<count {
        let n = i % 3 == 2 ? i / 2 : i
        listed.append((i % 4 == 1 ? "Name \(n)" : nil, "p\(n)@d\(n % 7).example"))
      }
      func written(_ entry: (name: String?, address: String)) -> String {
        entry.name.map { "\"\($0)\" <\(entry.address)>" } ?? entry.address
      }
      let to = listed.prefix(count / 2).map(written)
      let cc = listed.dropFirst(count / 2).map(written)
      let found = recipients("To: \(to.joined(separator: ",\r\n "))\r\nCc: \(cc.joined(separator: ",\r\n "))\r\n")
      XCTAssertEqual(found.recipients, expected(listed), "\(count) entries")
      XCTAssertLessThan(found.recipients.count, count, "\(count): the repeats are folded")
    }
  }
}

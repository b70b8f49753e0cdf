import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// What each page shows, in which language, and the incidents list's
/// filters and order.
final class PagesTests: XCTestCase {
  func testTheBrowsersLanguageChoosesThePagesLanguageUnlessOneWasGiven() async throws {
    let open = try ConsoleUnderTest(ConsolePaths.sample, language: nil)
    try await open.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let ja = try await browser.get(client, "/", language: "ja-JP,ja;q=0.9,en;q=0.8").text
      XCTAssertTrue(ja.contains("<html lang=\"ja\">"))
      XCTAssertTrue(ja.contains("最大の事案"))
      let en = try await browser.get(client, "/", language: "en-GB,en;q=0.9").text
      XCTAssertTrue(en.contains("<html lang=\"en\">"))
      XCTAssertTrue(en.contains("Largest incident"))
    }
    let fixed = try ConsoleUnderTest(ConsolePaths.sample, language: .japanese)
    try await fixed.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let page = try await browser.get(client, "/", language: "en").text
      XCTAssertTrue(page.contains("<html lang=\"ja\">"))
    }
  }

  func testTheOverviewLeadsToTheLargestIncidentAndSaysTheDomainsWereInferred() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().max { $0.people < $1.people })
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let html = try await browser.get(client, "/").text
      XCTAssertTrue(html.contains("href=\"/incidents/\(largest.id)\""))
      XCTAssertTrue(html.contains("Largest incident: \(largest.id) (\(largest.people) people exposed)"))
      XCTAssertTrue(html.contains("inferred from the senders"))
      XCTAssertTrue(html.contains("corp.example"))
      // The trend: the sample's findings are all of March 2025.
      XCTAssertTrue(html.contains("<tr><td>2025-03</td><td class=\"n\">27</td>"), html)
    }
  }

  func testTheIncidentsListFiltersByMailboxOwnerWhenTheIndexHasOwners() async throws {
    // The sample split in two Sent folders: alice's first half, bob's rest.
    let text = try String(contentsOf: ConsolePaths.sample, encoding: .utf8)
    let messages = text.components(separatedBy: "\nFrom ").enumerated().map { $0.offset == 0 ? $0.element : "From " + $0.element }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-owners-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let alice = folder.appendingPathComponent("alice.mbox")
    let bob = folder.appendingPathComponent("bob.mbox")
    try messages.prefix(17).joined(separator: "\n").appending("\n").write(to: alice, atomically: true, encoding: .utf8)
    try messages.dropFirst(17).joined(separator: "\n").write(to: bob, atomically: true, encoding: .utf8)
    let under = try ConsoleUnderTest(owned: [(alice, "alice"), (bob, "bob")])
    let all = Set(try under.index.incidents().map(\.id))
    let alices = Set(try under.index.report(owner: "alice").incidents.map(\.id))
    XCTAssertEqual(all.count, 24)
    XCTAssertFalse(alices.isEmpty)
    XCTAssertLessThan(alices.count, all.count)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let page = try await browser.get(client, "/incidents?owner=alice").text
      XCTAssertTrue(page.contains("<option value=\"alice\" selected>alice</option>"), page)
      XCTAssertTrue(page.contains("<option value=\"bob\">bob</option>"))
      for id in all {
        XCTAssertEqual(page.contains("href=\"/incidents/\(id)\""), alices.contains(id), id)
      }
      // An owner the index does not know is no filter.
      let unknown = try await browser.get(client, "/incidents?owner=mallory").text
      for id in all { XCTAssertTrue(unknown.contains("href=\"/incidents/\(id)\""), id) }
    }
    // One person's index shows no owner filter at all.
    let single = try ConsoleUnderTest(ConsolePaths.sample)
    try await single.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let page = try await browser.get(client, "/incidents").text
      XCTAssertFalse(page.contains("name=\"owner\""))
    }
  }

  func testTheIncidentsListFiltersBySeverityDateAndTextAndSorts() {
    let rows = [
      row("INC-a", .critical, people: 240, first: "2025-03-01T10:00:00+09:00", subject: "Seminar invitation"),
      row("INC-b", .low, people: 3, first: "2025-01-05T10:00:00+09:00", subject: "Re: quote", sender: "tanaka@corp.example"),
      row("INC-c", .high, people: 30, first: "2025-02-10T10:00:00+09:00", subject: "見積書のご送付"),
    ]
    func ids(_ query: String) -> [String] { IncidentFilter(query: FormBody(query)).apply(rows).map(\.id) }
    XCTAssertEqual(ids(""), ["INC-a", "INC-c", "INC-b"])
    XCTAssertEqual(ids("sort=people&dir=asc"), ["INC-b", "INC-c", "INC-a"])
    XCTAssertEqual(ids("severity=high"), ["INC-c"])
    XCTAssertEqual(ids("from=2025-02-01"), ["INC-a", "INC-c"])
    XCTAssertEqual(ids("to=2025-02-10"), ["INC-c", "INC-b"])
    XCTAssertEqual(ids("q=TANAKA"), ["INC-b"])
    XCTAssertEqual(ids("q=%E8%A6%8B%E7%A9%8D"), ["INC-c"])
    XCTAssertEqual(ids("sort=firstSent"), ["INC-a", "INC-c", "INC-b"])
    XCTAssertEqual(ids("severity=bogus&from=yesterday"), ["INC-a", "INC-c", "INC-b"])
  }

  func row(
    _ id: String, _ severity: Severity, people: Int, first: String, subject: String, sender: String = "sato@corp.example"
  ) -> IncidentRow {
    IncidentRow(
      id: id, people: people, personal: 0, parties: 2, messages: 1, firstSent: first, lastSent: first,
      severity: severity, firstSeenRun: 1, firstSubject: subject, firstSender: sender)
  }

  func testLookupAndRunsShowWhatTheCommandsShow() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let someone = try XCTUnwrap(try under.index.report().exposedAddresses.first)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let lookup = try await browser.get(client, "/lookup?address=\(HTML.query(someone.address.uppercased()))").text
      XCTAssertTrue(lookup.contains("href=\"/incidents/INC-"), lookup)
      let bad = try await browser.get(client, "/lookup?address=not+an+address").text
      XCTAssertTrue(bad.contains("is not an address"))
      let runs = try await browser.get(client, "/runs").text
      XCTAssertTrue(runs.contains("Sent.mbox"))
      XCTAssertTrue(runs.contains("completed"))
    }
  }

  func testTheStylesheetAndScriptComeFromTheBinaryWithoutASession() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    try await under.application.test(.router) { client in
      try await client.execute(uri: "/assets/console.css", method: .get) { response in
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers[.contentType], "text/css; charset=utf-8")
        XCTAssertTrue(response.text.contains("--critical"))
      }
      try await client.execute(uri: "/assets/console.js", method: .get) { response in
        XCTAssertEqual(response.status, .ok)
        XCTAssertTrue(response.text.contains("select-all"))
      }
      try await client.execute(uri: "/assets/other.js", method: .get) { XCTAssertEqual($0.status, .notFound) }
    }
  }

  func testADiscoveryTimeGivesTheDeadlinesOnThePageAndInThePack() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let before = try await browser.get(client, "/incidents/\(largest.id)").text
      XCTAssertFalse(before.contains("id=\"deadline-table\""))
      // The form's local time, read in the console's zone (Asia/Tokyo).
      let page = try await browser.get(client, "/incidents/\(largest.id)?discovered=2025-03-20T10%3A00").text
      XCTAssertTrue(page.contains("<td class=\"nowrap\">2025-03-20T10:00:00+09:00</td>"), page)
      XCTAssertTrue(page.contains("<td class=\"nowrap\">2025-03-23T10:00:00+09:00</td>"))
      XCTAssertTrue(page.contains("download/report.html?discovered=2025-03-20T10%3A00%3A00%2B09%3A00"))
      let pack = try await browser.get(
        client, "/incidents/\(largest.id)/download/ppc-report-ja.txt?discovered=2025-03-20T10%3A00%3A00%2B09%3A00")
      XCTAssertTrue(pack.text.contains("2025-03-20T10:00:00+09:00"), pack.text)
      let bad = try await browser.get(client, "/incidents/\(largest.id)?discovered=%3Cscript%3E").text
      XCTAssertTrue(bad.contains("&#39;&lt;script&gt;&#39; is not a date and time"), bad)
    }
  }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// Recording replies in the console: many people at once, counts the
/// regulator gets updated, every change in the trail.
final class FollowUpRecordingTests: XCTestCase {
  /// The number in the page element with `id`.
  static func figure(_ id: String, in html: String) throws -> Int {
    let start = try XCTUnwrap(html.range(of: "id=\"\(id)\">")).upperBound
    return try XCTUnwrap(Int(html[start...].prefix { $0 != "<" }.replacingOccurrences(of: ",", with: "")))
  }

  func testTickingThreePeopleDeletedUpdatesTheCountsAndWritesThreeTrailRows() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().max { $0.people < $1.people })
    let before = try XCTUnwrap(try under.index.incidentDetail(id: largest.id))
    let chosen = Array(before.persons.prefix(3).map(\.address))
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let page = try await browser.get(client, "/incidents/\(largest.id)").text
      XCTAssertEqual(try Self.figure("people-unconfirmed", in: page), before.peopleUnconfirmed)
      XCTAssertEqual(try Self.figure("pairs-unconfirmed", in: page), before.exposurePairsUnconfirmed)
      let form = ["csrf=\(try Browser.csrf(in: page))", "status=deleted", "note=replied+by+mail"]
        + chosen.map { "address=\(HTML.query($0))" }
      let posted = try await browser.post(client, "/incidents/\(largest.id)/follow-ups", form: form.joined(separator: "&"))
      XCTAssertEqual(posted.status, .seeOther)
      XCTAssertEqual(posted.headers[.location], "/incidents/\(largest.id)?recorded=3#people")

      let after = try XCTUnwrap(try under.index.incidentDetail(id: largest.id))
      XCTAssertEqual(after.followUps.deleted, 3)
      XCTAssertEqual(after.followUps.notRecorded, before.followUps.notRecorded - 3)
      XCTAssertLessThan(after.exposurePairsUnconfirmed, before.exposurePairsUnconfirmed)
      let shown = try await browser.get(client, "/incidents/\(largest.id)?recorded=3").text
      XCTAssertEqual(try Self.figure("people-unconfirmed", in: shown), after.peopleUnconfirmed)
      XCTAssertEqual(try Self.figure("pairs-unconfirmed", in: shown), after.exposurePairsUnconfirmed)
      XCTAssertEqual(
        try Self.figure("recipients-unconfirmed", in: page) - Self.figure("recipients-unconfirmed", in: shown), 3)
      XCTAssertTrue(shown.contains("Follow-up recorded for 3 people."))
      XCTAssertTrue(shown.contains("confirmed deleted"))
    }
    let trail = try under.index.followUpTrail(incidentID: largest.id)
    XCTAssertEqual(trail.count, 3)
    XCTAssertEqual(Set(trail.map(\.address)), Set(chosen))
    for change in trail {
      XCTAssertNil(change.oldStatus)
      XCTAssertEqual(change.newStatus, .deleted)
      XCTAssertEqual(change.note, "replied by mail")
      XCTAssertEqual(change.source, .console)
      XCTAssertEqual(change.changedBy, FollowUpActor.processOwner(source: .console).user)
    }
  }

  func testTheTrailOnThePageShowsTheOldAndTheNewState() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    let someone = try XCTUnwrap(try under.index.incidentDetail(id: largest.id)?.persons.first?.address)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      for status in ["asked", "no-answer"] {
        let csrf = try Browser.csrf(in: try await browser.get(client, "/incidents/\(largest.id)").text)
        let posted = try await browser.post(
          client, "/incidents/\(largest.id)/follow-ups", form: "csrf=\(csrf)&status=\(status)&address=\(HTML.query(someone))")
        XCTAssertEqual(posted.status, .seeOther)
      }
      let html = try await browser.get(client, "/incidents/\(largest.id)").text
      let trail = try XCTUnwrap(html.components(separatedBy: "id=\"trail\"").last)
      XCTAssertTrue(trail.contains("<td>asked to delete</td><td>no answer</td>"), trail)
      XCTAssertTrue(trail.contains("<td>not recorded</td><td>asked to delete</td>"), trail)
    }
  }

  func testAnAddressOutsideTheIncidentRecordsNothing() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    let someone = try XCTUnwrap(try under.index.incidentDetail(id: largest.id)?.persons.first?.address)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let csrf = try Browser.csrf(in: try await browser.get(client, "/incidents/\(largest.id)").text)
      let posted = try await browser.post(
        client, "/incidents/\(largest.id)/follow-ups",
        form: "csrf=\(csrf)&status=deleted&address=\(HTML.query(someone))&address=stranger%40nowhere.example")
      XCTAssertEqual(posted.status, .badRequest)
      XCTAssertTrue(posted.text.contains("stranger@nowhere.example"))
      let nobody = try await browser.post(client, "/incidents/\(largest.id)/follow-ups", form: "csrf=\(csrf)&status=deleted")
      XCTAssertEqual(nobody.status, .badRequest)
    }
    // All or nothing: the good address was not recorded either.
    XCTAssertEqual(try under.index.incidentDetail(id: largest.id)?.followUps.deleted, 0)
    XCTAssertTrue(try under.index.followUpTrail(incidentID: largest.id).isEmpty)
  }
}

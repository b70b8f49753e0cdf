import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// Every follow-up change is kept: who, when, from which state to which,
/// with the note, in the same transaction as the change itself.
final class FollowUpTrailTests: XCTestCase {
  func sampleIncident() throws -> (AuditIndex, IncidentDetail) {
    let (index, _) = try auditedIndex(PackagePaths.sample)
    let largest = try XCTUnwrap(try index.incidents().first)
    return (index, try XCTUnwrap(try index.incidentDetail(id: largest.id)))
  }

  func testEachRecordedChangeKeepsTheOldAndNewStateWhoAndHow() throws {
    let (index, detail) = try sampleIncident()
    let address = try XCTUnwrap(detail.persons.first?.address)
    let officer = FollowUpActor(user: "kenji", source: .console)
    try index.recordFollowUps([FollowUpRecord(incidentID: detail.id, address: address, status: .asked)], by: officer)
    try index.recordFollowUps(
      [FollowUpRecord(incidentID: detail.id, address: address, status: .deleted, note: "phoned")],
      by: FollowUpActor(user: "aiko", source: .cli))
    let trail = try index.followUpTrail(incidentID: detail.id, zone: try ReportTimeZone(identifier: "Asia/Tokyo"))
    XCTAssertEqual(trail.count, 2)
    XCTAssertEqual(trail[0].oldStatus, .asked)
    XCTAssertEqual(trail[0].newStatus, .deleted)
    XCTAssertEqual(trail[0].note, "phoned")
    XCTAssertEqual(trail[0].changedBy, "aiko")
    XCTAssertEqual(trail[0].source, .cli)
    XCTAssertNil(trail[1].oldStatus)
    XCTAssertEqual(trail[1].newStatus, .asked)
    XCTAssertEqual(trail[1].changedBy, "kenji")
    XCTAssertEqual(trail[1].source, .console)
    XCTAssertTrue(trail[0].changedAt.hasSuffix("+09:00"), trail[0].changedAt)
  }

  func testARefusedBatchLeavesNoTrail() throws {
    let (index, detail) = try sampleIncident()
    let address = try XCTUnwrap(detail.persons.first?.address)
    XCTAssertThrowsError(
      try index.recordFollowUps([
        FollowUpRecord(incidentID: detail.id, address: address, status: .deleted),
        FollowUpRecord(incidentID: detail.id, address: "stranger@nowhere.example", status: .deleted),
      ]))
    XCTAssertTrue(try index.followUpTrail(incidentID: detail.id).isEmpty)
  }

  func testTheCommandLineDefaultIsTheProcessOwner() throws {
    let (index, detail) = try sampleIncident()
    let address = try XCTUnwrap(detail.persons.first?.address)
    try index.recordFollowUps([FollowUpRecord(incidentID: detail.id, address: address, status: .noAnswer)])
    let change = try XCTUnwrap(try index.followUpTrail(incidentID: detail.id).first)
    XCTAssertEqual(change.source, .cli)
    XCTAssertFalse(change.changedBy.isEmpty)
    XCTAssertEqual(change.changedBy, FollowUpActor.processOwner(source: .cli).user)
  }

  func testTheTrailMigrationComesAfterEveryReleasedOne() throws {
    let index = try AuditIndex()
    let applied = try index.writer.read { db in
      try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
    }
    let trail = try XCTUnwrap(applied.firstIndex(of: "v6-console: follow-up trail"))
    let released = try XCTUnwrap(applied.firstIndex(of: "v3-imap: folder state"))
    XCTAssertGreaterThan(trail, released)
  }

  func testTheOwnerComesFromThePasswordDatabaseElseTheEnvironment() {
    let actor = FollowUpActor.processOwner(source: .console, environment: ["USER": "fallback"])
    XCTAssertFalse(actor.user.isEmpty)
    XCTAssertEqual(actor.source, .console)
  }
}

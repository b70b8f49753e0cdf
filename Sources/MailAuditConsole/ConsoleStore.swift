import Foundation
import MailAudit

/// Everything the console reads from and writes to the store, in one place.
/// It sees only ``AuditStore``, so the console works on any store.
struct ConsoleStore: Sendable {
  let index: any AuditStore

  /// The path or URL shown on the pages.
  var location: String { index.location }

  func report(zone: ReportTimeZone) throws -> AuditReport {
    try index.report(zone: zone)
  }

  func incidents(zone: ReportTimeZone) throws -> [IncidentRow] {
    try index.incidents(zone: zone)
  }

  /// The incidents holding mail of `owner` (their organisation-wide size).
  func incidents(zone: ReportTimeZone, owner: String) throws -> [IncidentRow] {
    try index.report(zone: zone, owner: owner).incidents
  }

  /// Whose mailboxes the index holds, sorted; empty for one person's index.
  func owners() throws -> [String] {
    try index.owners()
  }

  /// The incident `id` names exactly (ids come from our own links; a
  /// shortened id is resolved as the CLI does).
  func incidentDetail(id: String, zone: ReportTimeZone) throws -> IncidentDetail? {
    if let detail = try index.incidentDetail(id: id, zone: zone) { return detail }
    guard let resolved = try? IncidentReference(id).resolve(in: index) else { return nil }
    return try index.incidentDetail(id: resolved, zone: zone)
  }

  func recordFollowUps(_ records: [FollowUpRecord], by actor: FollowUpActor) throws {
    try index.recordFollowUps(records, by: actor)
  }

  func followUpTrail(incidentID: String, zone: ReportTimeZone) throws -> [FollowUpChange] {
    try index.followUpTrail(incidentID: incidentID, zone: zone)
  }

  func lookup(address: String, zone: ReportTimeZone) throws -> AddressLookup {
    try index.lookup(address: address, zone: zone)
  }

  func scanRuns(zone: ReportTimeZone) throws -> [ScanRunRow] {
    try index.scanRuns(zone: zone)
  }
}

extension ConsoleServer {
  /// The console over `index`.
  public init(index: any AuditStore, settings: ConsoleSettings) throws {
    try self.init(store: ConsoleStore(index: index), settings: settings)
  }
}

import Foundation

/// Why a report cannot be limited to an owner.
public enum OwnerFilterError: Error, Equatable, LocalizedError {
  /// No mailbox of the index belongs to this owner.
  case unknownOwner(String, known: [String])

  public var errorDescription: String? {
    switch self {
    case .unknownOwner(let owner, let known):
      let list = known.isEmpty ? "no mailbox has an owner yet" : "owners: " + known.prefix(20).joined(separator: ", ")
      return "no mailbox in the index belongs to '\(owner)' (\(list))"
    }
  }
}

extension AuditStore {
  /// The report (see ``report(newInRun:zone:)``) limited to the mail of
  /// `owner` when one is given: their findings, the incidents holding them,
  /// the addresses they exposed with counts over those findings, and the
  /// problems met in their mailboxes. An incident keeps its organisation-wide
  /// size: it is one event, whoever else's mail it reached.
  public func report(newInRun: Int64? = nil, zone: ReportTimeZone? = nil, owner: String?) throws -> AuditReport {
    let report = try report(newInRun: newInRun, zone: zone)
    guard let owner else { return report }
    let scope = try ownerScope(owner)
    guard !scope.mailboxes.isEmpty else { throw OwnerFilterError.unknownOwner(owner, known: try owners()) }
    return report.limited(to: scope)
  }
}

extension AuditReport {
  /// This report with only what lies in `scope`'s mailboxes.
  func limited(to scope: OwnerScope) -> AuditReport {
    var limited = self
    limited.findings = findings.filter { scope.messageKeys.contains($0.messageKey) }
    let incidentIDs = Set(limited.findings.map(\.incidentID))
    limited.incidents = incidents.filter { incidentIDs.contains($0.id) }
    // Findings are in date order, so an address's first and last finding
    // give when it was first and last exposed.
    var byAddress: [String: [FindingRow]] = [:]
    for finding in limited.findings {
      for address in Set(finding.exposedAddresses) { byAddress[address, default: []].append(finding) }
    }
    limited.exposedAddresses = exposedAddresses.compactMap { row in
      guard let found = byAddress[row.address] else { return nil }
      var copy = row
      copy.messages = found.count
      copy.incidents = Set(found.map(\.incidentID)).count
      let dated = found.filter { $0.dateEpoch != nil }
      copy.firstExposed = dated.first?.date
      copy.lastExposed = dated.last?.date
      copy.maxExposedTo = scope.largestAudience[row.address] ?? row.maxExposedTo
      return copy
    }
    limited.problems = scope.problems
    limited.problemsByRun = scope.problemsByRun
    var totals = self.totals
    totals.messages = scope.messageKeys.count
    totals.locations = scope.locations
    totals.findings = limited.findings.count
    totals.findingsBySeverity = limited.findings.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 }
    totals.incidents = limited.incidents.count
    totals.exposedAddresses = limited.exposedAddresses.count
    totals.personalAddresses = limited.exposedAddresses.filter(\.personal).count
    totals.parties = Set(limited.exposedAddresses.map(\.party)).count
    totals.problems = scope.problems.count
    totals.problemsByKind = scope.problems.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    totals.suppressedByGroup = scope.suppressedByGroup
    limited.totals = totals
    return limited
  }
}

extension Auditor {
  /// ``writeReports(to:formats:options:newInRun:zone:)`` limited to the
  /// mail of `owner` (all mail when nil).
  public func writeReports(
    to directory: URL, formats: [String] = ["csv", "html"], options: ReportOptions = ReportOptions(),
    newInRun: Int64? = nil, zone: ReportTimeZone? = nil, owner: String?
  ) throws -> [URL] {
    try writeReportFiles(to: directory, formats: formats, options: options, newInRun: newInRun, zone: zone, owner: owner)
      .files
  }

  /// ``writeReportFiles(to:formats:options:newInRun:zone:)`` limited to the
  /// mail of `owner` (all mail when nil).
  public func writeReportFiles(
    to directory: URL, formats: [String] = ["csv", "html"], options: ReportOptions = ReportOptions(),
    newInRun: Int64? = nil, zone: ReportTimeZone? = nil, owner: String?
  ) throws -> WrittenReports {
    guard let owner else {
      return try writeReportFiles(to: directory, formats: formats, options: options, newInRun: newInRun, zone: zone)
    }
    let report = try index.report(newInRun: newInRun, zone: zone, owner: owner)
    // The report's totals are the owner's: the summary counts the index's.
    return WrittenReports(
      files: try write(report, formats: formats, options: options, into: directory), indexTotals: nil)
  }
}

/// What one owner's reports are limited to.
public struct OwnerScope: Sendable {
  public var owner: String
  public var mailboxes: [String]
  public var messageKeys: Set<String>
  /// Locations in the owner's mailboxes.
  public var locations: Int
  /// Per exposed address, the most people it was shown to in the owner's messages.
  public var largestAudience: [String: Int]
  public var suppressedByGroup: [String: Int]
  public var problems: [ProblemRow]
  public var problemsByRun: [ProblemRunCount]
}

import Foundation

// What reports, the incident commands and the console show: rows read from
// an AuditStore, with times already in the reader's zone.

/// One exposure message as reports show it.
public struct FindingRow: Sendable, Codable, Equatable {
  public var messageKey: String
  public var messageID: String?
  /// ISO 8601 with the writer's offset, or nil without a readable Date.
  public var date: String?
  public var dateEpoch: Int64?
  public var sender: String?
  public var senderName: String?
  public var subject: String?
  public var severity: Severity
  public var reply: Bool
  public var visibleRecipients: Int
  public var externalRecipients: Int
  public var parties: Int
  public var personal: Int
  public var exposedAddresses: [String]
  /// The first location the message was found at.
  public var mailbox: String
  public var location: String
  /// Every location, the first one included.
  public var locationCount: Int
  public var incidentID: String
  /// The scan run that first found this exposure.
  public var firstSeenRun: Int64?
}

/// One exposed address across all findings: a line of the notification list.
public struct ExposedAddressRow: Sendable, Codable, Equatable {
  public var address: String
  public var displayName: String?
  public var party: String
  public var personal: Bool
  public var messages: Int
  public var incidents: Int
  public var firstExposed: String?
  public var lastExposed: String?
  public var maxExposedTo: Int
  /// Whether the address lets a reader identify a person (a guess that
  /// never changes the counts), and why.
  public var identifiesPerson: IdentifiabilityGuess.Answer
  public var identifiabilityReason: IdentifiabilityGuess.Reason
}

/// An incident as reports list it.
public struct IncidentRow: Sendable, Codable, Equatable {
  public var id: String
  public var people: Int
  public var personal: Int
  public var parties: Int
  public var messages: Int
  public var firstSent: String?
  public var lastSent: String?
  public var severity: Severity
  public var firstSeenRun: Int64?
  /// Subject and sender of the incident's first message: what the officer
  /// recognises an incident by.
  public var firstSubject: String?
  public var firstSender: String?
}

/// A problem as reports list it.
public struct ProblemRow: Sendable, Codable, Equatable {
  public var kind: String
  public var file: String
  public var offset: Int64?
  public var field: String?
  public var detail: String
}

/// How many problems of one kind a scan run met first.
public struct ProblemRunCount: Sendable, Codable, Equatable {
  public var runId: Int64
  /// When the run started (ISO 8601).
  public var startedAt: String
  public var kind: String
  public var count: Int
}

/// Totals over the whole index.
public struct IndexTotals: Sendable, Codable, Equatable {
  /// Distinct messages.
  public var messages: Int
  /// Locations: the same message found in several places counts once above.
  public var locations: Int
  public var duplicates: Int { locations - messages }
  public var findings: Int
  public var findingsBySeverity: [Severity: Int]
  public var incidents: Int
  public var exposedAddresses: Int
  public var personalAddresses: Int
  public var parties: Int
  public var problems: Int
  public var problemsByKind: [String: Int]
  public var suppressedByGroup: [String: Int]
}

/// Everything a report shows, read from the index in one transaction.
public struct AuditReport: Sendable {
  public var totals: IndexTotals
  public var findings: [FindingRow]
  public var exposedAddresses: [ExposedAddressRow]
  public var incidents: [IncidentRow]
  public var problems: [ProblemRow]
  public var internalDomains: InternalDomainSet
  public var suffixListSource: String
  public var indexPath: String
  /// Set when the report is limited to what a run first found.
  public var newSinceRun: Int64?
  /// Problems counted per scan run and kind (charset guesses and unreadable
  /// addresses per scan show whether a mailbox got worse).
  public var problemsByRun: [ProblemRunCount] = []
  /// True once ``masked(by:)`` replaced the addresses with tokens.
  public var masked = false
  /// The zone every time is shown in; nil: each message's own offset.
  public var zone: ReportTimeZone? = nil
}

extension ReportTimeZone {
  /// An instant as reports show it: in `zone` when one is chosen, else in
  /// `offset` (the sender's, or UTC).
  static func stamp(_ epoch: Int64, offset: Int?, in zone: ReportTimeZone?) -> String {
    zone?.iso8601(epoch) ?? ISO8601.string(epochSeconds: epoch, offsetSeconds: offset ?? 0)
  }
}

/// One scan run as the console lists it.
public struct ScanRunRow: Sendable, Codable, Equatable {
  public var id: Int64
  /// ISO 8601, in the zone asked for.
  public var startedAt: String
  public var finishedAt: String?
  /// running, completed, interrupted, failed
  public var status: String
  /// The paths or folder URLs scanned.
  public var paths: [String]
  public var messagesSeen: Int
  public var newMessages: Int
  public var duplicates: Int
  public var bytesRead: Int64
  public var problems: Int
}

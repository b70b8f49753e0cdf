import Foundation

/// `findings.jsonl`: one JSON object per exposure message, for SIEMs and
/// scripts. Schema `mailaudit.finding/1`, documented in docs/json-schema.md.
///
/// Every key is always present (`null` when unknown), so a consumer can tell
/// "no value" from "older schema"; a new key is a minor change within `/1`,
/// a changed meaning is `/2`.
public struct FindingsJSONL: ReportWriter {
  public static let schema = "mailaudit.finding/1"
  public var fileName: String { "findings.jsonl" }
  public init() {}

  struct Line: Encodable {
    var f: FindingRow
    enum Key: String, CodingKey {
      case schema, message_id, date, sender, sender_name, subject, severity, reply, visible_recipients
      case external_recipients, parties, personal, exposed_addresses, mailbox, location, locations
      case incident_id, first_seen_run
    }
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(FindingsJSONL.schema, forKey: .schema)
      try c.encode(f.messageID, forKey: .message_id)
      try c.encode(f.date, forKey: .date)
      try c.encode(f.sender, forKey: .sender)
      try c.encode(f.senderName, forKey: .sender_name)
      try c.encode(f.subject, forKey: .subject)
      try c.encode(f.severity.rawValue, forKey: .severity)
      try c.encode(f.reply, forKey: .reply)
      try c.encode(f.visibleRecipients, forKey: .visible_recipients)
      try c.encode(f.externalRecipients, forKey: .external_recipients)
      try c.encode(f.parties, forKey: .parties)
      try c.encode(f.personal, forKey: .personal)
      try c.encode(f.exposedAddresses, forKey: .exposed_addresses)
      try c.encode(f.mailbox, forKey: .mailbox)
      try c.encode(f.location, forKey: .location)
      try c.encode(f.locationCount, forKey: .locations)
      try c.encode(f.incidentID, forKey: .incident_id)
      try c.encode(f.firstSeenRun, forKey: .first_seen_run)
    }
  }

  public func render(_ report: AuditReport, options: ReportOptions) throws -> [UInt8] {
    try JSONLines.render(report.findings.map { Line(f: $0) })
  }
}

/// `incidents.jsonl`: one JSON object per incident. Schema
/// `mailaudit.incident/1`, documented in docs/json-schema.md.
public struct IncidentsJSONL: ReportWriter {
  public static let schema = "mailaudit.incident/1"
  public var fileName: String { "incidents.jsonl" }
  public init() {}

  struct Line: Encodable {
    var i: IncidentRow
    var messageIDs: [String?]
    enum Key: String, CodingKey {
      case schema, id, severity, people, personal, parties, messages, first_sent, last_sent, first_seen_run
      case message_ids, first_subject, first_sender
    }
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(IncidentsJSONL.schema, forKey: .schema)
      try c.encode(i.id, forKey: .id)
      try c.encode(i.severity.rawValue, forKey: .severity)
      try c.encode(i.people, forKey: .people)
      try c.encode(i.personal, forKey: .personal)
      try c.encode(i.parties, forKey: .parties)
      try c.encode(i.messages, forKey: .messages)
      try c.encode(i.firstSent, forKey: .first_sent)
      try c.encode(i.lastSent, forKey: .last_sent)
      try c.encode(i.firstSeenRun, forKey: .first_seen_run)
      try c.encode(messageIDs, forKey: .message_ids)
      try c.encode(i.firstSubject, forKey: .first_subject)
      try c.encode(i.firstSender, forKey: .first_sender)
    }
  }

  public func render(_ report: AuditReport, options: ReportOptions) throws -> [UInt8] {
    var members: [String: [String?]] = [:]
    for f in report.findings { members[f.incidentID, default: []].append(f.messageID) }
    return try JSONLines.render(report.incidents.map { Line(i: $0, messageIDs: members[$0.id] ?? []) })
  }
}

/// JSON Lines: one compact object per line, LF after each, UTF-8.
enum JSONLines {
  static func render(_ lines: [some Encodable]) throws -> [UInt8] {
    let encoder = JSONEncoder()
    // Sorted keys keep the output byte-stable for diffs and snapshots.
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var bytes: [UInt8] = []
    for line in lines {
      bytes += try encoder.encode(line)
      bytes.append(0x0A)
    }
    return bytes
  }
}

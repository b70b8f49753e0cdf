import Foundation

/// `findings.jsonl`: one JSON object per exposure message, for SIEMs and
/// scripts. Schema `mailaudit.finding/1`, documented in docs/json-schema.md.
///
/// Every key is always present (`null` when unknown), so a consumer can tell
/// "no value" from "older schema"; a new key is a minor change within `/1`,
/// a changed meaning is `/2`.
public struct FindingsJSONL: ChunkedReportWriter {
  public static let schema = "mailaudit.finding/1"
  public var fileName: String { "findings.jsonl" }
  public init() {}

  public func make(_ report: AuditReport, options: ReportOptions, handingOnTo put: ReportPut?) throws -> [UInt8] {
    var out = JSONLines()
    for f in report.findings {
      // Keys in byte order, as every line of this file has always had them.
      out.object { o in
        o.field("date", f.date)
        o.field("exposed_addresses", f.exposedAddresses)
        o.field("external_recipients", f.externalRecipients)
        o.field("first_seen_run", f.firstSeenRun)
        o.field("incident_id", f.incidentID)
        o.field("location", f.location)
        o.field("locations", f.locationCount)
        o.field("mailbox", f.mailbox)
        o.field("message_id", f.messageID)
        o.field("parties", f.parties)
        o.field("personal", f.personal)
        o.field("reply", f.reply)
        o.field("schema", Self.schema)
        o.field("sender", f.sender)
        o.field("sender_name", f.senderName)
        o.field("severity", f.severity.rawValue)
        o.field("subject", f.subject)
        o.field("visible_recipients", f.visibleRecipients)
      }
      try out.handOn(to: put)
    }
    try out.handOn(to: put, atLeast: 0)
    return out.bytes
  }
}

/// `incidents.jsonl`: one JSON object per incident. Schema
/// `mailaudit.incident/1`, documented in docs/json-schema.md.
public struct IncidentsJSONL: ChunkedReportWriter {
  public static let schema = "mailaudit.incident/1"
  public var fileName: String { "incidents.jsonl" }
  public init() {}

  public func make(_ report: AuditReport, options: ReportOptions, handingOnTo put: ReportPut?) throws -> [UInt8] {
    var members: [String: [String?]] = [:]
    for f in report.findings { members[f.incidentID, default: []].append(f.messageID) }
    var out = JSONLines()
    for i in report.incidents {
      out.object { o in
        o.field("first_seen_run", i.firstSeenRun)
        o.field("first_sender", i.firstSender)
        o.field("first_sent", i.firstSent)
        o.field("first_subject", i.firstSubject)
        o.field("id", i.id)
        o.field("last_sent", i.lastSent)
        o.field("message_ids", members[i.id] ?? [])
        o.field("messages", i.messages)
        o.field("parties", i.parties)
        o.field("people", i.people)
        o.field("personal", i.personal)
        o.field("schema", Self.schema)
        o.field("severity", i.severity.rawValue)
      }
      try out.handOn(to: put)
    }
    try out.handOn(to: put, atLeast: 0)
    return out.bytes
  }
}

/// JSON Lines: one compact object per line, LF after each, UTF-8.
///
/// Written byte by byte rather than through `JSONEncoder`, whose dynamic
/// dispatch per value cost more than reading the findings from the index.
/// The bytes are what `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes` (the files' format since schema `/1`): keys in
/// byte order, `"` `\\` and control characters escaped, everything else
/// as UTF-8. `JSONLinesTests` holds the two to each other.
struct JSONLines {
  private(set) var bytes: [UInt8] = []

  /// Hands the bytes made so far to `put`, when given, once there are at
  /// least `minimum` (see ``Swift/Array/handOn(to:atLeast:)``).
  mutating func handOn(to put: ReportPut?, atLeast minimum: Int = PrivateFiles.chunkBytes) throws {
    try bytes.handOn(to: put, atLeast: minimum)
  }

  /// Appends one object; `body` gives its fields in byte order of their keys.
  mutating func object(_ body: (inout Object) -> Void) {
    var object = Object(bytes: bytes)
    bytes = []  // one owner while the object appends: no copy
    object.bytes.append(UInt8(ascii: "{"))
    body(&object)
    object.bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    bytes = object.bytes
  }

  /// The fields of one object.
  struct Object {
    fileprivate var bytes: [UInt8]
    private var previousKey: StaticString?

    fileprivate init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func field(_ key: StaticString, _ value: String?) {
      name(key)
      if let value { JSONLines.string(value, into: &bytes) } else { null() }
    }
    mutating func field(_ key: StaticString, _ value: Int) {
      name(key)
      bytes.append(contentsOf: String(value).utf8)
    }
    mutating func field(_ key: StaticString, _ value: Int64?) {
      name(key)
      if let value { bytes.append(contentsOf: String(value).utf8) } else { null() }
    }
    mutating func field(_ key: StaticString, _ value: Bool) {
      name(key)
      bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }
    mutating func field(_ key: StaticString, _ values: [String?]) {
      name(key)
      bytes.append(UInt8(ascii: "["))
      for (n, value) in values.enumerated() {
        if n > 0 { bytes.append(UInt8(ascii: ",")) }
        if let value { JSONLines.string(value, into: &bytes) } else { null() }
      }
      bytes.append(UInt8(ascii: "]"))
    }
    mutating func field(_ key: StaticString, _ values: [String]) { field(key, values.map(Optional.some)) }

    private mutating func null() { bytes.append(contentsOf: "null".utf8) }

    private mutating func name(_ key: StaticString) {
      if let previousKey {
        assert(Self.precedes(previousKey, key), "JSON keys out of order: \(previousKey) before \(key)")
        bytes.append(UInt8(ascii: ","))
      }
      previousKey = key
      key.withUTF8Buffer { JSONLines.string(String(decoding: $0, as: UTF8.self), into: &bytes) }
      bytes.append(UInt8(ascii: ":"))
    }

    static func precedes(_ a: StaticString, _ b: StaticString) -> Bool {
      a.withUTF8Buffer { a in b.withUTF8Buffer { b in a.lexicographicallyPrecedes(b) } }
    }
  }

  /// A JSON string: `"` and `\\` escaped, control characters as `\b \t \n
  /// \f \r` or `\u00xx`, the rest (slashes and non-ASCII included) as is.
  static func string(_ text: String, into bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    // Most values need no escape: copied whole.
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
      bytes.append(contentsOf: text.utf8)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    let hex = Array("0123456789abcdef".utf8)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x00..<0x20:
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        bytes.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

import Foundation

/// Options that shape every report.
public struct ReportOptions: Sendable {
  /// CSV for Excel: UTF-8 BOM and CRLF.
  public var excel: Bool
  /// Addresses as `t***@gmail.com#token` in every report but the
  /// notification list.
  public var mask: Bool
  /// The time the summary says it was written; fixed by snapshot tests.
  public var generatedAt: String?
  /// The language of the HTML summary (and, with `excel`, of the CSVs'
  /// second header row). Column names stay the English identifiers.
  public var language: Language

  public init(excel: Bool = false, mask: Bool = false, generatedAt: String? = nil, language: Language = .english) {
    self.excel = excel
    self.mask = mask
    self.generatedAt = generatedAt
    self.language = language
  }
}

extension ReportOptions {
  /// The catalogue for a CSV's second header row: only for Excel in a
  /// language other than English.
  func csvCatalog() throws -> MessageCatalog? {
    excel && language != .english ? try MessageCatalog.load(language) : nil
  }
}

/// Writes one kind of report file from an ``AuditReport``.
public protocol ReportWriter: Sendable {
  /// The file name it writes inside the output folder.
  var fileName: String { get }
  /// The file's bytes.
  func render(_ report: AuditReport, options: ReportOptions) throws -> [UInt8]
  /// Renders and writes the file into `directory` (0600, atomically) and
  /// returns its path; by default, ``render(_:options:)``'s bytes.
  func write(_ report: AuditReport, options: ReportOptions, into directory: URL) throws -> URL
  /// False for the notification list, which must name people in clear to
  /// reach them and is never masked.
  var honoursMask: Bool { get }
}

extension ReportWriter {
  /// Reports are masked under `--mask` unless they say otherwise.
  public var honoursMask: Bool { true }

  public func write(_ report: AuditReport, options: ReportOptions, into directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(fileName)
    try PrivateFiles.write(try render(report, options: options), to: url)
    return url
  }
}

/// Where a report writer hands the bytes of its file.
public typealias ReportPut = (UnsafeRawBufferPointer) throws -> Void

extension [UInt8] {
  /// Hands these bytes to `put`, when given, once there are at least
  /// `minimum`, and empties them, keeping their capacity: a file written a
  /// chunk at a time is never whole in memory. Without `put`, they stay.
  mutating func handOn(to put: ReportPut?, atLeast minimum: Int) throws {
    guard let put, !isEmpty, count >= minimum else { return }
    try withUnsafeBytes(put)
    removeAll(keepingCapacity: true)
  }
}

/// A writer that makes its file row by row: written, the rows go to the
/// file about every ``PrivateFiles/chunkBytes`` as they are made, so the
/// file is never whole in memory; rendered, they are kept.
public protocol ChunkedReportWriter: ReportWriter {
  /// The file's bytes, handed to `put` a chunk at a time when it is given;
  /// what was not handed on is returned (all of it without `put`).
  func make(_ report: AuditReport, options: ReportOptions, handingOnTo put: ReportPut?) throws -> [UInt8]
}

extension ChunkedReportWriter {
  public func render(_ report: AuditReport, options: ReportOptions) throws -> [UInt8] {
    try make(report, options: options, handingOnTo: nil)
  }

  public func write(_ report: AuditReport, options: ReportOptions, into directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(fileName)
    try PrivateFiles.write(to: url) { put in
      // Optional closures escape; this one is used only during the call.
      _ = try withoutActuallyEscaping(put) { try make(report, options: options, handingOnTo: $0) }
    }
    return url
  }
}

/// `findings.csv`: one row per exposure message, in the column order the
/// exposure rules fix (other tools rely on it); extra columns only after.
public struct FindingsCSV: ChunkedReportWriter {
  public static let columns = [
    "message_id", "date", "sender", "subject", "severity", "reply", "visible_recipients",
    "external_recipients", "parties", "personal", "exposed_addresses", "mailbox", "location",
    "incident_id", "locations",
  ]
  public var fileName: String { "findings.csv" }
  public init() {}

  public func make(_ report: AuditReport, options: ReportOptions, handingOnTo put: ReportPut?) throws -> [UInt8] {
    var csv = CSVWriter(dialect: options.excel ? .excel : .plain)
    csv.header(Self.columns, excel: options.excel, catalog: try options.csvCatalog())
    for f in report.findings {
      csv.row([
        f.messageID ?? "", f.date ?? "", f.sender ?? "", f.subject ?? "", f.severity.rawValue,
        f.reply ? "true" : "false", String(f.visibleRecipients), String(f.externalRecipients),
        String(f.parties), String(f.personal), f.exposedAddresses.joined(separator: ";"), f.mailbox,
        f.location, f.incidentID, String(f.locationCount),
      ])
      try csv.handOn(to: put)
    }
    try csv.handOn(to: put, atLeast: 0)
    return csv.bytes
  }
}

/// `exposed-addresses.csv`: the notification list, one row per exposed address.
public struct ExposedAddressesCSV: ChunkedReportWriter {
  public static let columns = [
    "address", "display_name", "party", "personal", "messages", "incidents", "first_exposed",
    "last_exposed", "max_exposed_to", "identifies_person", "identifiability_reason",
  ]
  public var fileName: String { "exposed-addresses.csv" }
  /// The people to notify: useless masked.
  public var honoursMask: Bool { false }
  public init() {}

  public func make(_ report: AuditReport, options: ReportOptions, handingOnTo put: ReportPut?) throws -> [UInt8] {
    var csv = CSVWriter(dialect: options.excel ? .excel : .plain)
    csv.header(Self.columns, excel: options.excel, catalog: try options.csvCatalog())
    for a in report.exposedAddresses {
      csv.row([
        a.address, a.displayName ?? "", a.party, a.personal ? "true" : "false", String(a.messages),
        String(a.incidents), a.firstExposed ?? "", a.lastExposed ?? "", String(a.maxExposedTo),
        a.identifiesPerson.rawValue, a.identifiabilityReason.rawValue,
      ])
      try csv.handOn(to: put)
    }
    try csv.handOn(to: put, atLeast: 0)
    return csv.bytes
  }
}

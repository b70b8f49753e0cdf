/// An RFC 4180 CSV writer that builds the file in one buffer, handed on
/// to the file in chunks (``handOn(to:atLeast:)``) or kept whole.
///
/// The project writes its own rather than use CSV.swift because that
/// library's writer makes one write call per byte, and because every cell
/// here must also be neutralised against spreadsheet formula injection.
public struct CSVWriter: Sendable {
  /// Line ending and byte-order mark.
  public enum Dialect: Sendable {
    /// RFC 4180 fields, UTF-8 without BOM, LF line ends.
    case plain
    /// UTF-8 BOM and CRLF, so Excel (Japanese Excel included) opens the file
    /// without mojibake.
    case excel
  }

  public private(set) var bytes: [UInt8] = []
  private let lineEnd: [UInt8]

  public init(dialect: Dialect = .plain) {
    switch dialect {
    case .plain:
      lineEnd = [0x0A]
    case .excel:
      bytes = [0xEF, 0xBB, 0xBF]
      lineEnd = [0x0D, 0x0A]
    }
  }

  /// Hands the bytes made so far to `put`, when given, once there are at
  /// least `minimum` (see ``Swift/Array/handOn(to:atLeast:)``).
  public mutating func handOn(to put: ReportPut?, atLeast minimum: Int = PrivateFiles.chunkBytes) throws {
    try bytes.handOn(to: put, atLeast: minimum)
  }

  /// Appends one row.
  public mutating func row(_ cells: [String]) {
    for (i, cell) in cells.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      append(cell: Self.neutralised(cell))
    }
    bytes += lineEnd
  }

  /// Appends the header row of `columns`, the documented English
  /// identifiers other tools read; for Excel in a language other than
  /// English, a second row names the columns in that language
  /// (`csv.<column>` in the catalogue), so a person reads the sheet without
  /// a tool losing its keys.
  public mutating func header(_ columns: [String], excel: Bool, catalog: MessageCatalog?) {
    row(columns)
    if excel, let catalog, catalog.language != .english {
      row(columns.map { catalog["csv.\($0)"] })
    }
  }

  /// A cell a spreadsheet would read as a formula (starting with `=`, `+`,
  /// `-`, `@`, tab or CR) gets a leading apostrophe, OWASP's advice.
  public static func neutralised(_ cell: String) -> String {
    guard let first = cell.unicodeScalars.first else { return cell }
    switch first {
    case "=", "+", "-", "@", "\t", "\r": return "'" + cell
    default: return cell
    }
  }

  /// Control characters other than tab, CR and LF become U+FFFD: RFC 4180
  /// allows none, and spreadsheets cut a cell at NUL. Names from hostile or
  /// broken mail do carry them.
  static func withoutControls(_ cell: String) -> String {
    guard cell.unicodeScalars.contains(where: isStray) else { return cell }
    var out = String.UnicodeScalarView()
    for scalar in cell.unicodeScalars {
      out.append(isStray(scalar) ? "\u{FFFD}" : scalar)
    }
    return String(out)
  }

  private static func isStray(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: false
    case 0x00...0x1F, 0x7F: true
    default: false
    }
  }

  private mutating func append(cell: String) {
    let utf8 = Self.withoutControls(cell).utf8
    let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    guard needsQuotes else {
      bytes += utf8
      return
    }
    bytes.append(UInt8(ascii: "\""))
    for byte in utf8 {
      if byte == UInt8(ascii: "\"") { bytes.append(byte) }
      bytes.append(byte)
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

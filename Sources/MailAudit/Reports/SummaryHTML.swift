import Foundation
import Mustache

/// `summary.html`: one self-contained page (no network, no script) with the
/// headline numbers, a monthly trend and severity chart in inline SVG, the
/// incidents and findings linked to their details, top senders, most
/// exposed parties, internal domains and the problems met.
///
/// Written from a Mustache template, which HTML-escapes every value; values
/// from messages are also stripped of control and bidi-override characters
/// so a hostile subject cannot break or disguise the layout.
public struct SummaryHTML: ReportWriter {
  public var fileName: String { "summary.html" }
  /// Most problems listed one by one; the rest are counted.
  public var maxProblemsListed = 500
  /// Most findings given a details entry; the rest are in findings.csv.
  public var maxFindingsDetailed = 1000
  /// Most exposed addresses listed in one finding's details.
  public var maxAddressesPerFinding = 200
  /// Longest subject or name shown; the CSV keeps the full text.
  public var maxTextLength = 300

  public init() {}

  public func render(_ report: AuditReport, options: ReportOptions) throws -> [UInt8] {
    let pieces = try pieces(report, options: options)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.utf8.count })
    for piece in pieces { bytes += piece.utf8 }
    return bytes
  }

  /// Writes the page's pieces straight to the file. Joined, the lists were
  /// copied into the string the template grows the page in, then into
  /// bytes: for 5,000 findings, 2.4 MiB more peak, enough to keep the
  /// report's files from being written side by side under 64 MiB.
  public func write(_ report: AuditReport, options: ReportOptions, into directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(fileName)
    try PrivateFiles.write(utf8: try pieces(report, options: options), to: url)
    return url
  }

  /// The page in order: the template's text, with the three long lists
  /// (``Lists``) between its parts. The template gets a marker for each
  /// list, made with a random token and control characters, which no
  /// value on the page can hold (``shown(_:)`` removes control characters).
  func pieces(_ report: AuditReport, options: ReportOptions) throws -> [String] {
    let template = try Templates.load("summary")
    let catalog = try MessageCatalog.load(options.language)
    // Written at: in the report's zone, like every other time on the page.
    let now = report.zone.map { $0.iso8601(Int64(Date().timeIntervalSince1970)) } ?? ISO8601.now()
    let lists = lists(report, catalog: catalog)
    let token = UUID().uuidString
    let named = [("incidentRows", lists.incidentRows), ("findingRows", lists.findingRows),
                 ("findingDetails", lists.findingDetails)]
    var context = context(report, generatedAt: options.generatedAt ?? now, catalog: catalog)
    for (name, _) in named { context[name] = "\u{1}\(token):\(name)\u{1}" }
    var page = Substring(template.render(context))
    var pieces: [String] = []
    for (name, list) in named {
      let parts = page.components(separatedBy: "\u{1}\(token):\(name)\u{1}")
      // Each list has one place on the page, outside any section.
      guard parts.count == 2 else {
        throw ReportError.template(name: "summary", reason: "{{{\(name)}}} must appear once, outside sections")
      }
      pieces += [parts[0], list]
      page = Substring(parts[1])
    }
    pieces.append(String(page))
    return pieces
  }

  func context(_ report: AuditReport, generatedAt: String, catalog: MessageCatalog) -> [String: Any] {
    let t = report.totals
    func label(_ s: Severity) -> String { catalog["severity.\(s.rawValue)"] }
    let severities: [[String: Any]] = Severity.allCases.reversed().map {
      [
        "name": $0.rawValue, "label": label($0), "count": t.findingsBySeverity[$0] ?? 0,
        "meaning": catalog["severity.meaning.\($0.rawValue)"],
      ]
    }
    let groups = t.suppressedByGroup.sorted { $0.key < $1.key }
    let suppressed: [String: Any]? = groups.isEmpty ? nil : [
      "groups": groups.enumerated().map { i, g in
        ["name": shown(g.key), "count": g.value, "last": i == groups.count - 1] as [String: Any]
      }
    ]
    let internalDomains = report.internalDomains.domains.map { domain -> [String: Any] in
      ["domain": shown(domain), "count": report.internalDomains.senderCounts[domain].map(String.init) ?? "–"]
    }
    let problems = report.problems.prefix(maxProblemsListed).map { p -> [String: Any] in
      [
        "kind": p.kind, "location": shown(p.offset.map { "\(p.file)@\($0)" } ?? p.file),
        "field": shown(p.field ?? ""), "detail": shown(p.detail),
      ]
    }
    let senders = report.topSenders().map { s -> [String: Any] in
      [
        "sender": shown(s.sender), "findings": s.findings, "exposed": s.exposed, "worst": s.worst.rawValue,
        "worstLabel": label(s.worst),
      ]
    }
    let parties = report.mostExposedParties().map { p -> [String: Any] in
      ["party": shown(p.party), "addresses": p.addresses, "personal": p.personal, "messages": p.messages]
    }
    let trend = report.monthlyTrend()
    var context: [String: Any] = [
      "indexPath": shown(report.indexPath), "generatedAt": generatedAt, "masked": report.masked,
      "totals": [
        "messages": t.messages, "duplicates": t.duplicates, "findings": t.findings, "incidents": t.incidents,
        "exposedAddresses": t.exposedAddresses, "personalAddresses": t.personalAddresses,
        "parties": t.parties, "problems": t.problems,
      ] as [String: Any],
      "severities": severities,
      "severityChart": SummaryCharts.severities(t.findingsBySeverity, catalog: catalog),
      "internal": ["inferred": report.internalDomains.inferred, "domains": internalDomains] as [String: Any],
      "suffixListSource": shown(report.suffixListSource),
      "hasIncidents": !report.incidents.isEmpty, "hasFindings": !report.findings.isEmpty,
      "problems": problems,
      "senders": senders, "parties": parties,
      "hasProblems": !t.problemsByKind.isEmpty,
      "problemKinds": t.problemsByKind.sorted { $0.key < $1.key }.map { ["kind": $0.key, "count": $0.value] },
      "problemRuns": problemRuns(report.problemsByRun, zone: report.zone),
      "t": catalog.templateContext, "lang": catalog.language.code,
    ]
    // Sentences with numbers in them, worded by the catalogue; the values
    // are numbers and names mailaudit made, escaped all the same.
    var text: [String: Any] = [:]
    if let run = report.newSinceRun { text["onlyRun"] = catalog.text("summary.onlyRun", ["run": run]) }
    if let zone = report.zone { text["zone"] = HTMLText.escape(catalog.text("summary.zone", ["zone": zone.identifier])) }
    if !report.exposedAddresses.isEmpty {
      var counts = IdentifiabilityCounts()
      for a in report.exposedAddresses {
        counts.add(IdentifiabilityGuess(answer: a.identifiesPerson, reason: a.identifiabilityReason))
      }
      text["identifiability"] = catalog.text(
        "summary.identifiability",
        [
          "addresses": counts.addresses, "identifying": counts.identifying, "unsure": counts.unsure,
          "notIdentifying": counts.notIdentifying,
        ])
    }
    if report.undatedFindings > 0 { text["undated"] = catalog.counted("summary.undated", report.undatedFindings) }
    if report.problems.count > maxProblemsListed {
      text["problemsCut"] = catalog.counted("summary.problemsCut", report.problems.count - maxProblemsListed)
    }
    if report.findings.count > maxFindingsDetailed {
      text["detailsCut"] = catalog.counted("summary.detailsCut", report.findings.count - maxFindingsDetailed)
    }
    context["text"] = text
    if !trend.isEmpty {
      context["trend"] = SummaryCharts.trend(trend, catalog: catalog)
      // The organisation view: what each month brought, most recent first.
      let months = trend.reversed().filter { $0.findings > 0 || $0.incidents > 0 }.map {
        ["month": $0.month, "findings": $0.findings, "people": $0.people, "incidents": $0.incidents] as [String: Any]
      }
      context["months"] = months
      context["hasMonths"] = !months.isEmpty
    }
    if report.undatedFindings > 0 { context["undated"] = report.undatedFindings }
    if let suppressed { context["suppressed"] = suppressed }
    if let run = report.newSinceRun { context["newSinceRun"] = run }
    if report.problems.count > maxProblemsListed { context["problemsCut"] = report.problems.count - maxProblemsListed }
    if report.findings.count > maxFindingsDetailed {
      context["detailsCut"] = report.findings.count - maxFindingsDetailed
    }
    return context
  }

  /// One row per scan run: charset guesses, unreadable addresses, the rest.
  func problemRuns(_ counts: [ProblemRunCount], zone: ReportTimeZone? = nil) -> [[String: Any]] {
    var rows: [Int64: (startedAt: String, guesses: Int, addresses: Int, other: Int)] = [:]
    for c in counts {
      // Run times are stored in UTC; shown in the report's zone when it has one.
      let started = zone.flatMap { z in DiscoveryTime(c.startedAt).map { z.iso8601($0.epochSeconds) } } ?? c.startedAt
      var row = rows[c.runId] ?? (started, 0, 0, 0)
      switch c.kind {
      case "charsetGuess": row.guesses += c.count
      case "unparseableAddress": row.addresses += c.count
      default: row.other += c.count
      }
      rows[c.runId] = row
    }
    return rows.keys.sorted().compactMap { id in
      rows[id].map {
        ["run": id, "startedAt": $0.startedAt, "guesses": $0.guesses, "addresses": $0.addresses, "other": $0.other]
      }
    }
  }

  /// Text from a message made safe to show: control characters and bidi
  /// overrides removed (escaping is the template's job), long text cut.
  ///
  /// Combining marks right after `<`, `>`, `&`, `"` or `'` are dropped too:
  /// the template library escapes per grapheme cluster, and `"` followed by
  /// U+0301 is one cluster it would let through unescaped.
  func shown(_ text: String) -> String {
    // Printable ASCII short enough is shown as it is (most addresses, dates).
    if text.utf8.count <= maxTextLength, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
    var out = String.UnicodeScalarView()
    var afterSpecial = false
    for scalar in text.unicodeScalars {
      if afterSpecial, scalar.properties.generalCategory == .nonspacingMark
        || scalar.properties.generalCategory == .enclosingMark
        || scalar.properties.generalCategory == .spacingMark || scalar.value == 0x200D
        || scalar.properties.isGraphemeExtend
      {
        continue
      }
      afterSpecial = false
      switch scalar.value {
      case 0x00...0x1F, 0x7F...0x9F: out.append(" ")
      case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: continue
      case 0x22, 0x26, 0x27, 0x3C, 0x3E:
        out.append(scalar)
        afterSpecial = true
      default: out.append(scalar)
      }
    }
    let s = String(out)
    return s.count > maxTextLength ? String(s.prefix(maxTextLength)) + "…" : s
  }
}

/// The Mustache templates bundled as resources.
enum Templates {
  static func load(_ name: String) throws -> MustacheTemplate {
    guard
      let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Resources/templates")
    else { throw ReportError.template(name: name, reason: "not found in the package resources") }
    do {
      return try MustacheTemplate(string: String(contentsOf: url, encoding: .utf8))
    } catch {
      throw ReportError.template(name: name, reason: "\(error)")
    }
  }
}

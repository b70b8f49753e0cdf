import Foundation
import Mustache

/// `summary.html`: one self-contained page (no network, no script) with the
/// totals, severities, internal domains, incidents, findings and problems.
///
/// Written from a Mustache template, which HTML-escapes every value; values
/// from messages are also stripped of control and bidi-override characters
/// so a hostile subject cannot break or disguise the layout.
public struct SummaryHTML: ReportWriter {
  public var fileName: String { "summary.html" }
  /// Most problems listed one by one; the rest are counted.
  public var maxProblemsListed = 500
  /// Longest subject or name shown; the CSV keeps the full text.
  public var maxTextLength = 300

  public init() {}

  public func render(_ report: AuditReport, options: ReportOptions) throws -> [UInt8] {
    let template = try Templates.load("summary")
    return Array(template.render(context(report)).utf8)
  }

  func context(_ report: AuditReport) -> [String: Any] {
    let t = report.totals
    let meanings: [Severity: String] = [
      .critical: "100+ addresses exposed, or 20+ private individuals",
      .high: "20+ addresses, or 5+ private individuals",
      .medium: "5+ addresses, or 2+ private individuals",
      .low: "fewer",
    ]
    let severities: [[String: Any]] = Severity.allCases.reversed().map {
      ["name": $0.rawValue, "count": t.findingsBySeverity[$0] ?? 0, "meaning": meanings[$0] ?? ""]
    }
    let groups = t.suppressedByGroup.sorted { $0.key < $1.key }
    let suppressed: [String: Any]? = groups.isEmpty ? nil : [
      "groups": groups.enumerated().map { i, g in
        ["name": shown(g.key), "count": g.value, "last": i == groups.count - 1] as [String: Any]
      }
    ]
    let internalDomains = report.internalDomains.domains.map { domain -> [String: Any] in
      ["domain": domain, "count": report.internalDomains.senderCounts[domain].map(String.init) ?? "–"]
    }
    let findings = report.findings.map { f -> [String: Any] in
      var row: [String: Any] = [
        "date": f.date ?? "(no date)", "sender": shown(f.sender ?? "(unreadable)"),
        "subject": shown(f.subject ?? ""), "severity": f.severity.rawValue, "external": f.externalRecipients,
        "personal": f.personal, "parties": f.parties, "reply": f.reply, "incident": f.incidentID,
        "location": shown(f.location),
      ]
      if let name = f.senderName, !name.isEmpty { row["senderName"] = shown(name) }
      if f.locationCount > 1 { row["moreLocations"] = f.locationCount - 1 }
      return row
    }
    let incidents = report.incidents.map { i -> [String: Any] in
      [
        "id": i.id, "severity": i.severity.rawValue, "people": i.people, "personal": i.personal,
        "parties": i.parties, "messages": i.messages, "firstSent": i.firstSent ?? "", "lastSent": i.lastSent ?? "",
      ]
    }
    let problems = report.problems.prefix(maxProblemsListed).map { p -> [String: Any] in
      [
        "kind": p.kind, "location": shown(p.offset.map { "\(p.file)@\($0)" } ?? p.file),
        "field": p.field ?? "", "detail": shown(p.detail),
      ]
    }
    var context: [String: Any] = [
      "indexPath": report.indexPath, "generatedAt": ISO8601.now(),
      "totals": [
        "messages": t.messages, "duplicates": t.duplicates, "findings": t.findings, "incidents": t.incidents,
        "exposedAddresses": t.exposedAddresses, "personalAddresses": t.personalAddresses,
        "parties": t.parties, "problems": t.problems,
      ] as [String: Any],
      "severities": severities,
      "internal": ["inferred": report.internalDomains.inferred, "domains": internalDomains] as [String: Any],
      "suffixListSource": report.suffixListSource,
      "incidents": incidents, "findings": findings, "problems": problems,
      "hasProblems": !t.problemsByKind.isEmpty,
      "problemKinds": t.problemsByKind.sorted { $0.key < $1.key }.map { ["kind": $0.key, "count": $0.value] },
    ]
    if let suppressed { context["suppressed"] = suppressed }
    if let run = report.newSinceRun { context["newSinceRun"] = run }
    if report.problems.count > maxProblemsListed { context["problemsCut"] = report.problems.count - maxProblemsListed }
    return context
  }

  /// Text from a message made safe to show: control characters and bidi
  /// overrides removed (escaping is the template's job), long text cut.
  func shown(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x00...0x1F, 0x7F...0x9F: out.append(" ")
      case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: continue
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

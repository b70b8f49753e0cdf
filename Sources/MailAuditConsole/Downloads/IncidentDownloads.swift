import Foundation
import Hummingbird
import MailAudit

extension Console {
  /// One of an incident's downloads. `kind` must be one of the fixed names
  /// and `id` an incident of the index: no part of the request becomes a
  /// path.
  func incidentDownload(
    _ c: MessageCatalog, id: String, kind: String, discovered: DiscoveryTime? = nil
  ) throws -> Response {
    guard let download = IncidentDownload(rawValue: kind),
      var detail = try store.incidentDetail(id: id, zone: settings.zone)
    else { throw ConsoleFailure.notFound }
    let name = "\(detail.id)-\(download.rawValue)"
    switch download {
    case .notificationList:
      // Excel's dialect (BOM, CRLF): officers open the list in a spreadsheet.
      let csv = IncidentFiles(excel: true, zone: settings.zone).notificationList(detail, catalog: c)
      return self.download(csv, name: name, type: "text/csv; charset=utf-8")
    case .packHTML:
      EvidenceDigest.fill(&detail)
      let html = try IncidentHTML().render(try pack(detail, catalog: c, discovered: discovered), zone: settings.zone)
      return self.download(html, name: name, type: "text/html; charset=utf-8")
    case .ppcText:
      EvidenceDigest.fill(&detail)
      // The PPC's form is in Japanese whatever the page language.
      let japanese = try pack(detail, catalog: try MessageCatalog.load(.japanese), discovered: discovered)
      return self.download(Array(try PPCReportText.render(japanese).utf8), name: name, type: "text/plain; charset=utf-8")
    case .drafts:
      return self.download(try draftsZip(detail, catalog: c), name: name, type: "application/zip")
    case .evidence:
      return self.download(try evidenceZip(detail), name: name, type: "application/zip")
    }
  }

  func pack(_ detail: IncidentDetail, catalog: MessageCatalog, discovered: DiscoveryTime?) throws -> RegulatorPack {
    try RegulatorPack(
      detail: detail, settings: settings.regulator, discovered: discovered,
      generatedAt: settings.zone.iso8601(Int64(Date().timeIntervalSince1970)), catalog: catalog)
  }

  /// One apology draft per exposed person and `drafts.csv`, checked as
  /// `mailaudit notify` checks them: if any draft would show an address to
  /// another party, nothing is offered.
  func draftsZip(_ detail: IncidentDetail, catalog c: MessageCatalog) throws -> [UInt8] {
    guard let organisation = settings.organisation ?? settings.regulator.organisation else {
      throw ConsoleFailure(status: .conflict, reason: "noOrganisation")
    }
    let local = settings.templateFolder.appendingPathComponent("notify-template.\(c.language.code).txt")
    let text = try (try? String(contentsOf: local, encoding: .utf8)) ?? DraftTemplate.builtInText(c.language)
    let drafts = NotificationDrafts(
      template: try DraftTemplate(text: text),
      facts: try DraftFacts(
        detail: detail, organisation: organisation, contact: settings.contact, zone: settings.zone, catalog: c),
      mode: .each, catalog: c, zone: settings.zone)
    let made = drafts.make(for: detail.persons)
    if let problem = drafts.audit(made, domains: settings.domains).first {
      throw ConsoleFailure(
        status: .conflict, reason: "unsafeDrafts", values: ["file": problem.file, "reason": problem.reason])
    }
    var zip = ZipArchive()
    let folder = "drafts-\(detail.id)/"
    for draft in made { try zip.add(folder + draft.fileName, draft.bytes) }
    var csv = CSVWriter()
    csv.row(["address", "display_name", "draft", "follow_up"])
    for p in detail.persons {
      csv.row([p.address, p.displayName ?? "", NotificationDraft.fileName(for: p.address), p.followUp?.rawValue ?? ""])
    }
    try zip.add(folder + "drafts.csv", csv.bytes)
    return try zip.finished()
  }

  /// The evidence set, as `mailaudit evidence` writes it, in a zip: written
  /// into a private scratch folder, packed, and the folder removed.
  func evidenceZip(_ detail: IncidentDetail) throws -> [UInt8] {
    try ScratchFolder.with { scratch in
      let name = "evidence-\(detail.id)"
      let folder = scratch.appendingPathComponent(name)
      do {
        try EvidenceSetWriter(reader: EvidenceReader()).write(detail, into: folder)
      } catch let error as EvidenceError {
        throw ConsoleFailure(status: .conflict, reason: "noEvidence", values: ["reason": error.localizedDescription])
      }
      var zip = ZipArchive()
      let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      for file in files {
        try zip.add("\(name)/\(file)", Array(try Data(contentsOf: folder.appendingPathComponent(file))))
      }
      return try zip.finished()
    }
  }
}

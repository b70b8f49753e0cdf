import ArgumentParser
import Foundation
import MailAudit

struct NotifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notify",
    abstract: "Write follow-up drafts for an incident's exposed people, checked so that they cannot leak.",
    discussion: """
      Writes one .eml per exposed address, addressed to that address only (--single-bcc: one draft, \
      every address in Bcc, nobody in To or Cc but the sender), from the template \
      notify-template.LANG.txt in the working folder (written by `mailaudit init`), else the built-in one. \
      Every draft is read back with mailaudit's own parser and exposure analyzer first: if any would show \
      an address to another party, nothing is written and the exit status is 2. Drafts carry X-Unsent: 1 \
      and are never sent by mailaudit.
      """)

  @OptionGroup var options: IndexOptions

  @Argument(help: ArgumentHelp("The incident id (INC-...), or a unique beginning of it.", valueName: "id"))
  var id: String

  @Option(name: .long, help: ArgumentHelp("Folder for the drafts (default: reports/incident-ID/drafts).", valueName: "dir"))
  var out: String?

  @Flag(name: .customLong("single-bcc"), help: "Write one draft with every exposed address in Bcc instead of one per address.")
  var singleBcc = false

  @Option(name: .long, help: ArgumentHelp("The draft template to use.", valueName: "file"))
  var template: String?

  @Option(name: .long, help: ArgumentHelp("The organisation signing the drafts (default: organisation in mailaudit.toml).", valueName: "name"))
  var organisation: String?

  @Option(name: .long, help: ArgumentHelp("Who to contact, written in the drafts (default: contact in mailaudit.toml, else the sender).", valueName: "text"))
  var contact: String?

  func run() throws {
    try reporting {
      let index = try options.openIndex()
      let configuration = try options.configuration()
      guard let organisation = organisation ?? configuration.organisation else {
        throw ValidationError("give --organisation NAME, or set organisation in mailaudit.toml: the drafts are signed with it.")
      }
      let language = try options.language()
      let catalog = try MessageCatalog.load(language)
      let zone = try options.zone()
      let resolved = try resolveIncident(id, in: index)
      guard let detail = try index.incidentDetail(id: resolved, zone: zone) else { throw ValidationError("no incident \(id)") }
      let text: String
      if let template {
        do {
          text = try String(contentsOfFile: template, encoding: .utf8)
        } catch {
          throw ValidationError("cannot read the template \(template) as UTF-8 text.")
        }
      } else if let local = try? String(contentsOfFile: "notify-template.\(language.code).txt", encoding: .utf8) {
        text = local
      } else {
        text = try DraftTemplate.builtInText(language)
      }
      let drafts = NotificationDrafts(
        template: try DraftTemplate(text: text),
        facts: try DraftFacts(
          detail: detail, organisation: organisation, contact: contact ?? configuration.contact, zone: zone,
          catalog: catalog),
        mode: singleBcc ? .singleBcc : .each, catalog: catalog, zone: zone)
      let folder = URL(fileURLWithPath: out ?? "reports/incident-\(resolved)/drafts")
      let written = try drafts.write(for: detail, domains: try configuration.catalog(), into: folder)
      let count = written.count - 1
      print(catalog["notify.checked"])
      print(
        catalog.counted(
          "notify.written", count,
          ["folder": folder.path, "mode": singleBcc ? catalog["notify.modeBcc"] : catalog["notify.modeEach"]]))
      print(catalog["notify.openIn"])
    }
  }
}

import ArgumentParser
import Foundation
import MailAudit

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a commented mailaudit.toml filled with what was inferred.",
    discussion: """
      Internal domains are inferred from the senders of the mail in PATHs (scanned into \
      the index), or, without PATHs, from the messages already in the index.
      """)

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The index: a SQLite file, or postgresql://user@host/db for a shared one (default: $MAILAUDIT_INDEX, else ~/.local/share/mailaudit/index.sqlite).", valueName: "file|url"))
  var index: String?

  @Argument(help: ArgumentHelp("Mailboxes to infer from.", valueName: "path"))
  var paths: [String] = []

  @Option(name: .long, help: ArgumentHelp("Where to write the file.", valueName: "file"))
  var output: String = "mailaudit.toml"

  @Flag(name: .long, help: "Replace an existing file.")
  var force = false

  func validate() throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or folder: \(path)")
    }
    if FileManager.default.fileExists(atPath: output), !force {
      throw ValidationError("\(output) exists; give --force to replace it.")
    }
  }

  func run() throws {
    try reporting {
      let location = index.map(StoreLocation.init) ?? .default()
      if paths.isEmpty, !location.exists {
        throw ValidationError("no index at \(location): give mailboxes to infer from (mailaudit init PATH...).")
      }
      let auditor = Auditor(index: try location.openAsking(), policy: ExposurePolicy(), catalog: try DomainCatalog.load())
      if !paths.isEmpty { _ = try auditor.scan(paths: paths) }
      let domains = try auditor.index.inferredInternalDomains(catalog: auditor.catalog)
      let source = paths.isEmpty ? "the index \(location)" : paths.joined(separator: ", ")
      try PrivateFiles.write(Array(ConfigurationTemplate.text(domains: domains, source: source).utf8), to: URL(fileURLWithPath: output))
      let list = domains.keys.sorted().joined(separator: ", ")
      print("Wrote \(output); internal domains inferred: \(list.isEmpty ? "none" : list). Check them before auditing.")
      // The follow-up draft templates, beside the configuration, for the
      // officer to edit before `mailaudit notify`.
      let folder = URL(fileURLWithPath: output).deletingLastPathComponent()
      for language in [Language.japanese, Language.english] {
        let file = folder.appendingPathComponent("notify-template.\(language.code).txt")
        if FileManager.default.fileExists(atPath: file.path), !force {
          print("Kept \(file.path) (exists; --force replaces it).")
          continue
        }
        try PrivateFiles.write(Array(try DraftTemplate.builtInText(language).utf8), to: file)
        print("Wrote \(file.path): the follow-up draft template for `mailaudit notify --lang \(language.code)`.")
      }
    }
  }
}

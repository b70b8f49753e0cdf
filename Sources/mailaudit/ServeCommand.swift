import ArgumentParser
import Foundation
import MailAudit
import MailAuditConsole

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Open the web console on the index: incidents, follow-ups, downloads, in a browser.",
    discussion: """
      Prints one line, the address to open with a one-time token (http://127.0.0.1:PORT/?token=...); \
      the browser exchanges the token for a session cookie. Listens on 127.0.0.1 only unless --host \
      names another address (a warning says so). Pages are in --lang, else the browser's language. \
      Mailboxes are only read. Stop it with Ctrl-C.
      """)

  @OptionGroup var options: IndexOptions

  @Option(name: .long, help: ArgumentHelp("The address to listen on (default 127.0.0.1).", valueName: "address"))
  var host: String?

  @Option(name: .long, help: ArgumentHelp("The port to listen on (default 0: any free port).", valueName: "n"))
  var port: Int?

  func validate() throws {
    if let port, !(0...65535).contains(port) { throw ValidationError("--port takes 0 to 65535, not \(port).") }
    if let host, host.isEmpty { throw ValidationError("--host takes an address such as 127.0.0.1.") }
  }

  func run() throws {
    try reporting {
      let index = try options.openIndex()
      let configuration = try options.configuration()
      let settings = ConsoleSettings(
        host: host ?? "127.0.0.1", port: port ?? 0,
        language: try options.lang.map { try Language.resolve(option: $0, configured: nil, environment: [:]) },
        defaultLanguage: try options.language(), zone: try options.zone(),
        regulator: configuration.regulatorSettings, organisation: configuration.organisation,
        contact: configuration.contact, domains: try configuration.catalog())
      if let host, let warning = ConsoleServer.exposureWarning(host: host) {
        FileHandle.standardError.write(Data((warning + "\n").utf8))
      }
      let server = try ConsoleServer(index: index, settings: settings)
      // The one line on stdout, written at once (a pipe would buffer print).
      try server.runUntilStopped { url in FileHandle.standardOutput.write(Data((url + "\n").utf8)) }
    }
  }
}

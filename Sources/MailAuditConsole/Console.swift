import Foundation
import Hummingbird
import MailAudit

/// The console's shared state: the store, the settings, both catalogues,
/// the assets and the sessions. Pages are made by its extensions, one
/// file per page.
struct Console: Sendable {
  let store: ConsoleStore
  let settings: ConsoleSettings
  let keeper: SessionKeeper
  let catalogs: [Language: MessageCatalog]
  /// For a language without a catalogue (never, once started: catalogues
  /// are the languages).
  let english: MessageCatalog
  let assets: ConsoleAssets

  init(store: ConsoleStore, settings: ConsoleSettings, keeper: SessionKeeper = SessionKeeper()) throws {
    self.store = store
    self.settings = settings
    self.keeper = keeper
    var catalogs: [Language: MessageCatalog] = [:]
    for code in Language.available {
      if let language = Language(code: code) { catalogs[language] = try MessageCatalog.load(language) }
    }
    self.catalogs = catalogs
    english = try MessageCatalog.english()
    assets = try ConsoleAssets.load()
  }

  /// The page language: `--lang`, else the browser's, else the default.
  func language(for request: Request) -> Language {
    settings.language ?? AcceptLanguage.preferred(request.headers[.acceptLanguage]) ?? settings.defaultLanguage
  }

  func catalog(for request: Request) -> MessageCatalog {
    catalogs[language(for: request)] ?? english
  }

  /// An HTML page response.
  func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
  }

  /// A file to save, never shown inline: its name is ours, never the request's.
  func download(_ bytes: [UInt8], name: String, type: String) -> Response {
    Response(
      status: .ok,
      headers: [
        .contentType: type,
        .contentDisposition: "attachment; filename=\"\(name)\"",
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  /// The page of a failure, in the reader's language.
  func errorPage(_ failure: ConsoleFailure, request: Request) -> Response {
    page(errorHTML(failure, catalog: catalog(for: request)), status: failure.status)
  }

  func errorHTML(_ failure: ConsoleFailure, catalog c: MessageCatalog) -> String {
    let values = failure.values.mapValues { $0 as CustomStringConvertible }
    let code = failure.status.code
    let heading = [401, 403, 404].contains(code) ? "console.error.heading\(code)" : "console.error.headingOther"
    let body = """
      <h1>\(HTML.escape(c[heading]))</h1>
      <p class="banner">\(HTML.escape(c.text("console.error.\(failure.reason)", values)))</p>
      """
    // Signed-out pages offer no navigation: every link would be refused.
    let signedIn = failure.status != .unauthorized && failure.status != .forbidden
    return layout(title: c["console.error.title"], body: body, catalog: c, active: nil, navigation: signedIn)
  }
}

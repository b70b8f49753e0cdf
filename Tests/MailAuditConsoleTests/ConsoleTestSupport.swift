import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// Paths of the package, found from this file.
enum ConsolePaths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let sample = root.appendingPathComponent("Samples/Sent.mbox")
  static let hostile = root.appendingPathComponent("Tests/Fixtures/hostile/hostile.mbox")
}

/// A console over a fresh in-memory index of `mailbox`, with a known start
/// token, and the index itself to check what the console changed.
struct ConsoleUnderTest {
  let console: Console
  let index: AuditIndex
  static let token = "test-token-0123456789abcdef"

  init(_ mailbox: URL, language: Language? = .english) throws {
    try self.init(owned: [(mailbox, nil)], language: language)
  }

  /// A console over mailboxes scanned one after another, each as the mail
  /// of its owner (nil: no owner).
  init(owned mailboxes: [(URL, String?)], language: Language? = .english) throws {
    index = try AuditIndex()
    let catalog = DomainCatalog(suffixes: try PublicSuffixList.bundled())
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: catalog)
    for (mailbox, owner) in mailboxes {
      _ = try auditor.scan(paths: [mailbox.path], owners: MailboxOwners(owner: owner))
    }
    var regulator = RegulatorSettings()
    regulator.organisation = "Example K.K."
    let settings = ConsoleSettings(
      language: language, zone: try ReportTimeZone(identifier: "Asia/Tokyo"), regulator: regulator,
      organisation: "Example K.K.", domains: catalog)
    console = try Console(
      store: ConsoleStore(index: index), settings: settings, keeper: SessionKeeper(startToken: Self.token))
  }

  var application: some ApplicationProtocol { Application(router: console.router()) }
}

extension TestResponse {
  var text: String { String(buffer: body) }
}

/// A signed-in browser: the session cookie, and the CSRF token read from a
/// page's form.
struct Browser {
  var cookie: String

  static func signIn(_ client: some TestClientProtocol) async throws -> Browser {
    try await client.execute(uri: "/?token=\(ConsoleUnderTest.token)", method: .get) { response in
      XCTAssertEqual(response.status, .seeOther)
      XCTAssertEqual(response.headers[.location], "/")
      let setCookie = try XCTUnwrap(response.headers[.setCookie])
      XCTAssertTrue(setCookie.contains("HttpOnly"), setCookie)
      XCTAssertTrue(setCookie.contains("SameSite=Strict"), setCookie)
      let pair = try XCTUnwrap(setCookie.split(separator: ";").first)
      return Browser(cookie: String(pair))
    }
  }

  var headers: HTTPFields { [.cookie: cookie] }

  func get(_ client: some TestClientProtocol, _ uri: String, language: String? = nil) async throws -> TestResponse {
    var headers = self.headers
    if let language { headers[.acceptLanguage] = language }
    return try await client.execute(uri: uri, method: .get, headers: headers) { $0 }
  }

  /// A form post as a browser sends it from our own page: with
  /// Referrer-Policy no-referrer, Chrome says `Origin: null`.
  func post(_ client: some TestClientProtocol, _ uri: String, form: String) async throws -> TestResponse {
    var headers = self.headers
    headers[.contentType] = "application/x-www-form-urlencoded"
    headers[.origin] = "null"
    return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: form)) { $0 }
  }

  /// The CSRF token in the incident page's form.
  static func csrf(in page: String) throws -> String {
    let marker = "name=\"csrf\" value=\""
    let start = try XCTUnwrap(page.range(of: marker)).upperBound
    return String(page[start...].prefix { $0 != "\"" })
  }
}

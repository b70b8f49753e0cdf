import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// Who may see and change what: the one-time token, the session cookie,
/// the CSRF token, and the headers on every answer.
final class AccessTests: XCTestCase {
  func testEveryPageWithoutATokenOrSessionIs401() async throws {
    let app = try ConsoleUnderTest(ConsolePaths.sample).application
    try await app.test(.router) { client in
      for path in ["/", "/incidents", "/lookup?address=a%40b.example", "/runs", "/incidents/INC-x"] {
        try await client.execute(uri: path, method: .get) { response in
          XCTAssertEqual(response.status, .unauthorized, path)
          XCTAssertFalse(response.text.contains("INC-"), "401 page leaks data: \(path)")
        }
      }
    }
  }

  func testTheStartTokenWorksOnceAndThenIs403() async throws {
    let app = try ConsoleUnderTest(ConsolePaths.sample).application
    try await app.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let overview = try await browser.get(client, "/")
      XCTAssertEqual(overview.status, .ok)
      try await client.execute(uri: "/?token=\(ConsoleUnderTest.token)", method: .get) { response in
        XCTAssertEqual(response.status, .forbidden)
        XCTAssertNil(response.headers[.setCookie])
      }
      try await client.execute(uri: "/?token=guessed", method: .get) { XCTAssertEqual($0.status, .forbidden) }
    }
  }

  func testAnUnknownSessionCookieIs403() async throws {
    let app = try ConsoleUnderTest(ConsolePaths.sample).application
    try await app.test(.router) { client in
      try await client.execute(uri: "/", method: .get, headers: [.cookie: "mailaudit_session=forged"]) {
        XCTAssertEqual($0.status, .forbidden)
      }
    }
  }

  func testRecordingWithoutOrWithAWrongCSRFTokenIs403AndChangesNothing() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    let someone = try XCTUnwrap(try under.index.incidentDetail(id: largest.id)?.persons.first?.address)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let uri = "/incidents/\(largest.id)/follow-ups"
      let address = HTML.query(someone)
      let missing = try await browser.post(client, uri, form: "address=\(address)&status=deleted")
      XCTAssertEqual(missing.status, .forbidden)
      let wrong = try await browser.post(client, uri, form: "csrf=0000&address=\(address)&status=deleted")
      XCTAssertEqual(wrong.status, .forbidden)
    }
    XCTAssertEqual(try under.index.incidentDetail(id: largest.id)?.followUps.deleted, 0)
    XCTAssertTrue(try under.index.followUpTrail(incidentID: largest.id).isEmpty)
  }

  func testAPostFromAnotherOriginIsRefusedEvenWithTheToken() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let csrf = try Browser.csrf(in: try await browser.get(client, "/incidents/\(largest.id)").text)
      var headers = browser.headers
      headers[.contentType] = "application/x-www-form-urlencoded"
      headers[.origin] = "http://evil.example"
      try await client.execute(
        uri: "/incidents/\(largest.id)/follow-ups", method: .post, headers: headers,
        body: ByteBuffer(string: "csrf=\(csrf)&address=x%40y.example&status=deleted")
      ) { XCTAssertEqual($0.status, .forbidden) }
    }
  }

  func testAGETCannotRecordAFollowUp() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    let someone = try XCTUnwrap(try under.index.incidentDetail(id: largest.id)?.persons.first?.address)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let csrf = try Browser.csrf(in: try await browser.get(client, "/incidents/\(largest.id)").text)
      let response = try await browser.get(
        client, "/incidents/\(largest.id)/follow-ups?csrf=\(csrf)&address=\(HTML.query(someone))&status=deleted")
      XCTAssertNotEqual(response.status, .ok)
      XCTAssertNotEqual(response.status, .seeOther)
    }
    XCTAssertEqual(try under.index.incidentDetail(id: largest.id)?.followUps.deleted, 0)
  }

  func testDownloadsRefuseEveryPathThatIsNotOneOfTheirOwn() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let attempts = [
        "/incidents/\(largest.id)/download/..%2F..%2F..%2Fetc%2Fpasswd",
        "/incidents/\(largest.id)/download/../../../../etc/passwd",
        "/incidents/..%2F..%2Fetc%2Fpasswd/download/notification-list.csv",
        "/incidents/\(largest.id)/download/%2Fetc%2Fpasswd",
        "/incidents/\(largest.id)/download/notification-list.csv%00.txt",
        "/assets/..%2F..%2FPackage.swift",
        "/assets/../../Package.swift",
        "/assets/%2Fetc%2Fpasswd",
      ]
      for uri in attempts {
        let response = try await browser.get(client, uri)
        XCTAssertTrue([.notFound, .badRequest].contains(response.status), "\(uri): \(response.status)")
        XCTAssertFalse(response.text.contains("root:"), uri)
        XCTAssertFalse(response.text.contains("PackageDescription"), uri)
      }
    }
  }

  func testEveryAnswerCarriesTheSecurityHeaders() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    try await under.application.test(.router) { client in
      var responses = [try await client.execute(uri: "/", method: .get) { $0 }]
      let browser = try await Browser.signIn(client)
      for uri in ["/", "/incidents", "/incidents/\(largest.id)", "/lookup", "/runs", "/nowhere", "/assets/console.css",
        "/incidents/\(largest.id)/download/notification-list.csv"]
      {
        responses.append(try await browser.get(client, uri))
      }
      for response in responses {
        XCTAssertEqual(
          response.headers[.contentSecurityPolicy],
          "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        XCTAssertEqual(response.headers[.cacheControl], "no-store")
        XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff")
        XCTAssertEqual(response.headers[HTTPField.Name("Referrer-Policy")!], "no-referrer")
        XCTAssertEqual(response.headers[HTTPField.Name("X-Frame-Options")!], "DENY")
      }
    }
  }

  func testPagesHoldNoInlineScriptOrStyle() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      for uri in ["/", "/incidents", "/incidents/\(largest.id)", "/lookup", "/runs"] {
        let html = try await browser.get(client, uri).text.lowercased()
        XCTAssertEqual(html.components(separatedBy: "<script").count, 2, uri)
        XCTAssertTrue(html.contains("<script src=\"/assets/console.js\" defer></script>"), uri)
        XCTAssertFalse(html.contains("<style"), uri)
        XCTAssertFalse(html.contains(" style="), uri)
        XCTAssertFalse(html.contains(" onclick="), uri)
        // The navigation is our links, not a value's debug description.
        XCTAssertTrue(html.contains("<nav class=\"main\"><a href=\"/\""), uri)
        XCTAssertFalse(html.contains("grdb"), uri)
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "external resource on \(uri)")
      }
    }
  }
}

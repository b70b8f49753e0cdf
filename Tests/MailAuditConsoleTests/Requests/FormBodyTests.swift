import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// Reading forms, queries and the browser's language.
final class FormBodyTests: XCTestCase {
  func testEveryValueOfANameIsKeptInOrderAndDecoded() {
    let form = FormBody("csrf=ab&address=a%40x.example&address=b%2Bc%40y.example&note=%E5%89%8A%E9%99%A4+done&empty=")
    XCTAssertEqual(form.all("address"), ["a@x.example", "b+c@y.example"])
    XCTAssertEqual(form["note"], "削除 done")
    XCTAssertEqual(form["empty"], "")
    XCTAssertNil(form["missing"])
    XCTAssertEqual(FormBody("bad=%zz%4")["bad"], "%zz%4")
    // Found by Fuzz/Targets/form.swift: a sign after '%' was read as part of
    // a number ('%+4' gave the byte 4); the '%' stays, the '+' is a space.
    XCTAssertEqual(FormBody("bad=%+41%-0%+f")["bad"], "% 41%-0% f")
  }

  func testAcceptLanguagePicksTheBestLanguageWithACatalogue() {
    XCTAssertEqual(AcceptLanguage.preferred("ja-JP,ja;q=0.9,en-US;q=0.8"), .japanese)
    XCTAssertEqual(AcceptLanguage.preferred("fr-FR,en;q=0.5,ja;q=0.4"), .english)
    XCTAssertEqual(AcceptLanguage.preferred("en;q=0.2, ja;q=0.8"), .japanese)
    XCTAssertNil(AcceptLanguage.preferred("fr,de"))
    XCTAssertNil(AcceptLanguage.preferred(nil))
  }

  func testEscapingWorksPerScalarAndDropsBidiOverrides() {
    XCTAssertEqual(HTML.escape("<a href='x'>\"\u{301}&</a>"), "&lt;a href=&#39;x&#39;&gt;&quot;\u{301}&amp;&lt;/a&gt;")
    XCTAssertEqual(HTML.escape("abc\u{202E}def\u{0}"), "abcdef ")
    XCTAssertEqual(HTML.escape("長い件名です", limit: 2), "長い…")
  }
}

import Foundation
import XCTest

/// `--lang ja` end to end: the summary, the incident pack and the PPC text
/// hold no English sentence of mailaudit's own.
final class JapaneseOutputTests: XCTestCase {
  /// Three or more ASCII words in a row: an English sentence (or part).
  static let englishRun = try! NSRegularExpression(pattern: "[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){2,}")

  /// The text nodes a reader sees, leaving out styles, code, addresses,
  /// hashes and ids (elements of class addr or hash).
  static func textNodes(_ html: String) -> [String] {
    var doc = html
    for pattern in [
      "(?s)<style.*?</style>", "(?s)<(code|td|span|ul|dd|li)\\s+class=\"(addr|hash)[^\"]*\">.*?</\\1>",
      "(?s)<code>.*?</code>",
    ] {
      doc = doc.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
    }
    return doc.components(separatedBy: "<").map { piece -> String in
      let text = piece.firstIndex(of: ">").map { String(piece[piece.index(after: $0)...]) } ?? piece
      return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&quot;", with: "\"").trimmingCharacters(in: .whitespacesAndNewlines)
    }.filter { !$0.isEmpty }
  }

  /// The English runs in `texts`, values from the mail itself excepted.
  static func englishSentences(_ texts: [String], mailValues: Set<String>) -> [String] {
    texts.compactMap { text in
      let core = text.trimmingCharacters(in: CharacterSet(charactersIn: "()（）"))
      if mailValues.contains(text) || mailValues.contains(core) { return nil }
      let range = NSRange(text.startIndex..., in: text)
      return englishRun.firstMatch(in: text, range: range) != nil ? text : nil
    }
  }

  func testAuditAndIncidentInJapaneseHoldNoEnglishSentence() throws {
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("i.sqlite").path
    let out = dir.appendingPathComponent("reports").path
    let audit = try run([
      "audit", CommandLineTests.sample, "--index", index, "--out", out, "--lang", "ja", "--timezone", "Asia/Tokyo",
      "--format", "csv", "html", "json",
    ])
    XCTAssertEqual(audit.status, 1, audit.stderr)
    XCTAssertTrue(audit.stdout.contains("インデックス：メール33通、漏えい27件（重大3、高3、中10、低11）、事案24件。今回新たに見つかった漏えいは27件です。"), audit.stdout)
    XCTAssertEqual(Self.englishSentences(audit.stdout.components(separatedBy: "\n"), mailValues: []), [])

    // What the mail itself says (subjects, names) may be English: only
    // mailaudit's own words are checked.
    var mailValues = Set<String>()
    for line in try String(contentsOfFile: out + "/findings.jsonl", encoding: .utf8).split(separator: "\n") {
      let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in ["subject", "sender_name", "sender"] { if let v = object[key] as? String { mailValues.insert(v) } }
    }
    let summary = try String(contentsOfFile: out + "/summary.html", encoding: .utf8)
    XCTAssertTrue(summary.contains("<html lang=\"ja\">"))
    XCTAssertTrue(summary.contains("時刻はすべて Asia/Tokyo で表示しています"))
    XCTAssertTrue(summary.contains("漏えいしたアドレス466件のうち、特定の個人を識別できるものは465件（判断できないもの1件"))
    let summaryNodes = Self.textNodes(summary)
    XCTAssertGreaterThan(summaryNodes.count, 300)
    XCTAssertEqual(Self.englishSentences(summaryNodes, mailValues: mailValues), [])

    let largest = try XCTUnwrap(try run(["incidents", "--index", index, "--format", "csv"]).stdout
      .split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))
    let incident = try run([
      "incident", largest, "--index", index, "--out", out, "--lang", "ja", "--timezone", "Asia/Tokyo",
      "--discovered", "2025-03-20T10:00+09:00",
    ])
    XCTAssertEqual(incident.status, 0, incident.stderr)
    XCTAssertTrue(incident.stdout.contains("速報の期限：       2025-03-25T10:00:00+09:00"), incident.stdout)
    let folder = out + "/incident-\(largest)"
    let report = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    XCTAssertTrue(report.contains("【要記入】"))
    XCTAssertTrue(report.contains("3. 漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数"))
    XCTAssertEqual(Self.englishSentences(Self.textNodes(report), mailValues: mailValues), [])

    let ppc = try String(contentsOfFile: folder + "/ppc-report-ja.txt", encoding: .utf8)
    for item in [
      "■ 1. 概要", "■ 2. 漏えい等が発生し、又は発生したおそれがある個人データの項目", "■ 4. 原因",
      "■ 5. 二次被害又はそのおそれの有無及びその内容", "■ 6. 本人への対応の実施状況", "■ 7. 公表の実施状況",
      "■ 8. 再発防止のための措置", "■ 9. その他参考となる事項", "要配慮個人情報が含まれていますか。 【要記入】",
      "・速報（発覚から速やかに、概ね3〜5日以内）：2025-03-25T10:00:00+09:00 まで",
      "・確報（発覚から30日以内。不正の目的によるおそれがある場合は60日以内）：2025-04-19T10:00:00+09:00 まで",
      "・本人の数：120名（1,000人を超える場合は報告義務があります）…基準を超えていません",
    ] {
      XCTAssertTrue(ppc.contains(item), item)
    }
    XCTAssertEqual(Self.englishSentences(ppc.components(separatedBy: "\n"), mailValues: mailValues), [])
    let json = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/report.json"))) as? [String: Any])
    XCTAssertEqual(json["language"] as? String, "ja")
  }

  /// The scan itself must catch English: it finds the English pack's.
  func testTheScanFindsEnglishSentences() {
    let html = "<p class=\"note\">Fields marked <span class=\"addr\">a b c</span> are for a person to write.</p><td>一件</td>"
    XCTAssertEqual(Self.englishSentences(Self.textNodes(html), mailValues: []), ["Fields marked  are for a person to write."])
  }

  func testTheLocaleChoosesJapaneseAndTheOptionWins() throws {
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("i.sqlite").path
    let ja = try run(["scan", CommandLineTests.sample, "--index", index], environment: ["LANG": "ja_JP.UTF-8"])
    XCTAssertTrue(ja.stdout.contains("メール34通を確認しました"), ja.stdout)
    let en = try run(["incidents", "--index", index, "--lang", "en"], environment: ["LANG": "ja_JP.UTF-8"])
    XCTAssertTrue(en.stdout.hasPrefix("ID "), en.stdout)
    XCTAssertTrue(en.stdout.contains("\nTimes in "), en.stdout)
    XCTAssertEqual(try run(["incidents", "--index", index, "--lang", "fr"]).status, 64)
    XCTAssertEqual(try run(["incidents", "--index", index, "--timezone", "Mars/Base"]).status, 64)
  }

  func testIncidentsCarryTheFirstSubjectAndSenderInTheChosenZone() throws {
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("i.sqlite").path
    _ = try run(["scan", CommandLineTests.sample, "--index", index, "--quiet"])
    let csv = try run(["incidents", "--index", index, "--format", "csv", "--timezone", "Asia/Tokyo"]).stdout
      .split(separator: "\n")
    XCTAssertEqual(
      csv.first, "id,severity,people,personal,parties,messages,first_sent,last_sent,first_subject,first_sender")
    XCTAssertEqual(
      csv.dropFirst().first,
      "INC-a85b194396,critical,120,30,62,1,2025-03-11T07:00:00+09:00,2025-03-11T07:00:00+09:00,\"Corp Example customer newsletter, March 2025\",news@corp.example")
    let json = try run(["incidents", "--index", index, "--format", "json", "--timezone", "America/New_York"]).stdout
    let first = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(json.split(separator: "\n").first).utf8)) as? [String: Any])
    XCTAssertEqual(first["first_sent"] as? String, "2025-03-10T18:00:00-04:00")
    XCTAssertEqual(first["first_subject"] as? String, "Corp Example customer newsletter, March 2025")
    XCTAssertEqual(first["first_sender"] as? String, "news@corp.example")
    let table = try run(["incidents", "--index", index, "--timezone", "Asia/Tokyo"]).stdout
    XCTAssertTrue(table.contains("news@corp.example"))
    XCTAssertTrue(table.contains("Times in Asia/Tokyo."))
  }

  func testSkippedFilesAndEvidenceChecksAreReportedInJapanese() throws {
    let dir = try temporaryFolder()
    let mail = dir.appendingPathComponent("Mail")
    try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: CommandLineTests.sample), to: mail.appendingPathComponent("Sent.mbox"))
    try Data("3 V1 N1\n".utf8).write(to: mail.appendingPathComponent("dovecot-uidlist"))
    let index = dir.appendingPathComponent("i.sqlite").path
    let audit = try run(["audit", mail.path, "--index", index, "--out", dir.appendingPathComponent("r").path, "--lang", "ja"])
    XCTAssertEqual(audit.status, 1, audit.stderr)
    XCTAssertTrue(audit.stdout.contains("メール以外のため読み込まなかったファイル：1件（dovecot-uidlist 1）。"), audit.stdout)
    XCTAssertFalse(audit.stdout.contains("Skipped"), audit.stdout)

    let set = dir.appendingPathComponent("evidence").path
    let made = try run(["evidence", "INC-415d", "--index", index, "--out", set, "--lang", "ja"])
    XCTAssertEqual(made.status, 0, made.stderr)
    XCTAssertTrue(made.stdout.contains("事案 INC-415d56e393 の証拠一式として、メール3通を"), made.stdout)
    let verified = try run(["verify", set, "--lang", "ja"])
    XCTAssertEqual(verified.status, 0, verified.stderr)
    XCTAssertTrue(verified.stdout.contains("4件の確認項目はすべて一致しました。"), verified.stdout)
  }
}

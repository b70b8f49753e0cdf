import Foundation
import MailParsing
import TestHarness
import XCTest

/// `mailaudit notify` on the sample's largest incident: one draft per
/// exposed address, each showing its reader no one else, read back with
/// MailParsing and with Python's `email`; and a template that would leak is
/// refused with nothing written.
final class NotifyTests: XCTestCase {
  /// An audited sample index and the id of its largest incident.
  func auditedSample() throws -> (dir: URL, index: String, incident: String) {
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("i.sqlite").path
    _ = try run(["scan", CommandLineTests.sample, "--index", index, "--quiet"])
    let listed = try run(["incidents", "--index", index, "--format", "csv"]).stdout.split(separator: "\n")
    let incident = try XCTUnwrap(listed.dropFirst().first?.split(separator: ",").first.map(String.init))
    return (dir, index, incident)
  }

  /// The exposed addresses of `incident`, from its notification list.
  func exposedAddresses(index: String, incident: String, dir: URL) throws -> [String] {
    let out = dir.appendingPathComponent("pack").path
    XCTAssertEqual(try run(["incident", incident, "--index", index, "--out", out]).status, 0)
    let list = try String(contentsOfFile: "\(out)/incident-\(incident)/notification-list.csv", encoding: .utf8)
    return list.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
  }

  /// Per draft file: the visible To/Cc addresses and the Bcc, as Python's
  /// email package reads them.
  func pythonRecipients(_ folder: URL) throws -> [String: [String: [String]]] {
    let script = """
      import email, email.policy, email.utils, json, pathlib, sys
      out = {}
      for p in sorted(pathlib.Path(sys.argv[1]).glob('*.eml')):
          m = email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
          def addrs(name):
              return [a.lower() for _, a in email.utils.getaddresses([str(v) for v in m.get_all(name, [])])]
          assert m['X-Unsent'] == '1' and m['MIME-Version'] == '1.0' and m['Date'] and m['Message-ID']
          body = m.get_content()
          out[p.name] = {'visible': addrs('To') + addrs('Cc'), 'bcc': addrs('Bcc'), 'from': addrs('From'),
                         'subject': [str(m['Subject'])], 'body': [body]}
      print(json.dumps(out))
      """
    let data = Data(try runHelper("/usr/bin/env", ["python3", "-c", script, folder.path]).utf8)
    return try JSONDecoder().decode([String: [String: [String]]].self, from: data)
  }

  /// The visible recipients as MailParsing reads a draft file.
  func parsedRecipients(_ file: URL) throws -> (visible: [String], bcc: [String], subject: String?) {
    let bytes = Array(try Data(contentsOf: file))
    var end = bytes.count
    for i in 0..<(bytes.count - 3) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
      end = i + 2
      break
    }
    let headers = MessageHeaders(
      parsing: RawMessage(
        location: MessageLocation(format: .single, mailbox: file.path, file: file.path), header: Array(bytes[..<end])))
    XCTAssertEqual(headers.problems.count, 0, "\(file.lastPathComponent): \(headers.problems)")
    return (
      (headers.to + headers.cc).compactMap(\.normalized), headers.bcc.compactMap(\.normalized), headers.subject
    )
  }

  func testOneDraftPerExposedAddressEachShowingOnlyItsRecipient() throws {
    let (dir, index, incident) = try auditedSample()
    let exposed = try exposedAddresses(index: index, incident: incident, dir: dir)
    XCTAssertEqual(exposed.count, 120)
    let drafts = dir.appendingPathComponent("drafts")
    let result = try run([
      "notify", incident, "--index", index, "--out", drafts.path, "--lang", "ja", "--organisation", "株式会社コープ・エグザンプル",
      "--contact", "個人情報相談窓口 03-1234-5678", "--timezone", "Asia/Tokyo",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let files = try FileManager.default.contentsOfDirectory(atPath: drafts.path).filter { $0.hasSuffix(".eml") }
    XCTAssertEqual(files.count, exposed.count)
    XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: drafts.path)[.posixPermissions] as? Int, 0o700)

    let python = try pythonRecipients(drafts)
    XCTAssertEqual(python.count, exposed.count)
    var reached = Set<String>()
    for name in files {
      let file = drafts.appendingPathComponent(name)
      XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int, 0o600)
      let ours = try parsedRecipients(file)
      XCTAssertEqual(ours.visible.count, 1, name)
      XCTAssertEqual(ours.bcc, [], name)
      XCTAssertEqual(ours.subject, "【お詫び】メール誤送信のお詫びと削除のお願い（株式会社コープ・エグザンプル）")
      let theirs = try XCTUnwrap(python[name])
      XCTAssertEqual(theirs["visible"], ours.visible, name)
      XCTAssertEqual(theirs["from"], ["news@corp.example"], name)
      XCTAssertEqual(theirs["subject"], [ours.subject ?? ""])
      let body = theirs["body"]?.first ?? ""
      XCTAssertTrue(body.contains("「Corp Example customer newsletter, March 2025」"), name)
      XCTAssertTrue(body.contains("2025年3月11日 7時00分"), name)
      XCTAssertTrue(body.contains("個人情報相談窓口 03-1234-5678"), name)
      // Nobody else of the incident is named anywhere in the draft.
      let raw = String(decoding: try Data(contentsOf: file), as: UTF8.self) + body
      XCTAssertEqual(exposed.filter { raw.contains($0) && $0 != ours.visible.first }, [], name)
      reached.formUnion(ours.visible)
    }
    XCTAssertEqual(reached, Set(exposed))
    let list = try String(contentsOf: drafts.appendingPathComponent("drafts.csv"), encoding: .utf8)
    XCTAssertEqual(list.split(separator: "\n").count, exposed.count + 1)
  }

  func testSingleBccShowsNobodyButTheSender() throws {
    let (dir, index, incident) = try auditedSample()
    let exposed = try exposedAddresses(index: index, incident: incident, dir: dir)
    let drafts = dir.appendingPathComponent("bcc")
    let result = try run([
      "notify", incident, "--index", index, "--out", drafts.path, "--single-bcc", "--lang", "en", "--organisation",
      "Corp Example Ltd.",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let python = try pythonRecipients(drafts)
    XCTAssertEqual(python.count, 1)
    let draft = try XCTUnwrap(python.values.first)
    XCTAssertEqual(draft["visible"], ["news@corp.example"])
    XCTAssertEqual(Set(draft["bcc"] ?? []), Set(exposed))
    let ours = try parsedRecipients(drafts.appendingPathComponent("all-recipients-bcc.eml"))
    XCTAssertEqual(ours.visible, ["news@corp.example"])
    XCTAssertEqual(Set(ours.bcc), Set(exposed))
  }

  func testATemplateThatWouldShowOtherExposedAddressesIsRefusedWithNothingWritten() throws {
    let (dir, index, incident) = try auditedSample()
    let exposed = try exposedAddresses(index: index, incident: incident, dir: dir)
    // An officer "helpfully" copies two colleagues' customers into Cc.
    let template = dir.appendingPathComponent("leaky.txt")
    try Data(
      """
      From: {{sender}}
      To: {{recipient}}
      Cc: \(exposed[0]), \(exposed[1])
      Subject: Apologies

      {{greeting}}
      We are sorry.

      """.utf8
    ).write(to: template)
    let drafts = dir.appendingPathComponent("refused")
    let result = try run([
      "notify", incident, "--index", index, "--out", drafts.path, "--template", template.path, "--organisation", "Corp",
    ])
    XCTAssertEqual(result.status, 2, result.stdout)
    XCTAssertTrue(result.stderr.contains("refused"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: drafts.path))

    // A To line that lists everyone is refused the same way, in Bcc mode too.
    try Data("To: {{recipient}}, \(exposed[2])\nSubject: x\n\nbody\n".utf8).write(to: template)
    let bcc = try run([
      "notify", incident, "--index", index, "--out", drafts.path, "--template", template.path, "--organisation", "Corp",
      "--single-bcc",
    ])
    XCTAssertEqual(bcc.status, 2)
    XCTAssertFalse(FileManager.default.fileExists(atPath: drafts.path))
  }
}

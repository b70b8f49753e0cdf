import Foundation
import XCTest

/// `incidents`, `incident`, `followup`, `lookup` and `init` from the built
/// binary, on the sample, as an officer runs them after `audit`.
final class IncidentCommandsTests: XCTestCase {
  /// A temporary folder with the sample audited into `index.sqlite`.
  func audited() throws -> (folder: URL, index: String) {
    let folder = try temporaryFolder()
    let index = folder.appendingPathComponent("index.sqlite").path
    let audit = try run([
      "audit", CommandLineTests.sample, "--index", index, "--out", folder.appendingPathComponent("r").path, "--quiet",
      "--lang", "en",
    ])
    XCTAssertEqual(audit.status, 1, audit.stderr)
    return (folder, index)
  }

  func testIncidentsListsTheLargestFirstAsTableCSVAndJSON() throws {
    let (_, index) = try audited()
    let csv = try run(["incidents", "--index", index, "--format", "csv", "--lang", "en"])
    XCTAssertEqual(csv.status, 0, csv.stderr)
    let rows = csv.stdout.split(separator: "\n")
    XCTAssertTrue(rows[0].hasPrefix("id,severity,people,personal,parties,messages,first_sent,last_sent"), String(rows[0]))
    XCTAssertEqual(rows.count, 1 + 24)
    XCTAssertTrue(rows[1].hasPrefix("INC-a85b194396,critical,120,30,62,1,"), String(rows[1]))
    let json = try run(["incidents", "--index", index, "--format", "json", "--lang", "en"])
    let objects = try json.stdout.split(separator: "\n").map {
      try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    XCTAssertEqual(objects.count, 24)
    XCTAssertEqual(objects.first?["people"] as? Int, 120)
    let people = objects.compactMap { $0["people"] as? Int }
    XCTAssertEqual(people, people.sorted(by: >))
    let table = try run(["incidents", "--index", index, "--lang", "en"])
    XCTAssertTrue(table.stdout.split(separator: "\n")[1].hasPrefix("INC-a85b194396  critical     120"), table.stdout)
  }

  func testIncidentByAShortIdWritesItsFilesAndFollowupLowersTheUnconfirmedCount() throws {
    let (folder, index) = try audited()
    let out = folder.appendingPathComponent("out").path
    let first = try run(["incident", "415d", "--index", index, "--out", out, "--lang", "en"])
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertTrue(first.stdout.contains("Incident INC-415d56e393"), first.stdout)
    XCTAssertTrue(first.stdout.contains("People exposed:   24"), first.stdout)
    let files = try FileManager.default.contentsOfDirectory(atPath: out + "/incident-INC-415d56e393").sorted()
    XCTAssertEqual(files, ["notification-list.csv", "ppc-report-ja.txt", "report.html", "report.json"])
    let list = try String(contentsOfFile: out + "/incident-INC-415d56e393/notification-list.csv", encoding: .utf8)
    XCTAssertEqual(list.split(separator: "\n").count, 1 + 24)

    let person = String(list.split(separator: "\n")[1].split(separator: ",")[0])
    let marked = try run(["followup", "INC-415d", person, "deleted", "--index", index, "--lang", "en"])
    XCTAssertEqual(marked.status, 0, marked.stderr)
    let after = try run(["incident", "INC-415d56e393", "--index", index, "--out", out, "--lang", "en"])
    XCTAssertTrue(after.stdout.contains("deleted 1"), after.stdout)

    // An import with one bad row records nothing.
    let answers = folder.appendingPathComponent("answers.csv")
    try Data("address,status\n\(person),asked\nnobody@nowhere.example,deleted\n".utf8).write(to: answers)
    let refused = try run(["followup", "INC-415d", "--import", answers.path, "--index", index, "--lang", "en"])
    XCTAssertNotEqual(refused.status, 0)
    let unchanged = try run(["incident", "INC-415d56e393", "--index", index, "--out", out, "--lang", "en"])
    XCTAssertTrue(unchanged.stdout.contains("asked 0, deleted 1"), unchanged.stdout)

    let ambiguous = try run(["incident", "INC-", "--index", index, "--out", out, "--lang", "en"])
    XCTAssertEqual(ambiguous.status, 64)
    XCTAssertTrue(ambiguous.stderr.contains("matches 24 incidents"), ambiguous.stderr)
  }

  func testLookupFindsAnAddressWrittenAnyWay() throws {
    let (_, index) = try audited()
    let found = try run(["lookup", "Someone <TANAKA@Acme.Example>", "--index", index, "--lang", "en"])
    XCTAssertEqual(found.status, 0, found.stderr)
    XCTAssertTrue(found.stdout.contains("tanaka@acme.example"), found.stdout)
    XCTAssertTrue(found.stdout.contains("INC-23f6e9f16c"), found.stdout)
    let json = try run(["lookup", "tanaka@acme.example", "--index", index, "--format", "json", "--lang", "en"])
    let object = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(json.stdout.split(separator: "\n").first).utf8))
        as? [String: Any])
    XCTAssertEqual(object["incident_id"] as? String, "INC-23f6e9f16c")
    XCTAssertEqual(object["party"] as? String, "acme.example")
  }

  func testInitWritesAConfigurationTheAuditReadsAndWillNotOverwriteIt() throws {
    let folder = try temporaryFolder()
    let made = try run(["init", CommandLineTests.sample], in: folder)
    XCTAssertEqual(made.status, 0, made.stderr)
    let config = folder.appendingPathComponent("mailaudit.toml")
    let text = try String(contentsOf: config, encoding: .utf8)
    XCTAssertTrue(text.contains("corp.example"), text)
    let mode = try FileManager.default.attributesOfItem(atPath: config.path)[.posixPermissions] as? Int
    XCTAssertEqual(mode, 0o600)
    let again = try run(["init", CommandLineTests.sample], in: folder)
    XCTAssertEqual(again.status, 64)
    XCTAssertEqual(try String(contentsOf: config, encoding: .utf8), text)
    let audit = try run([
      "audit", CommandLineTests.sample, "--config", config.path, "--index", folder.appendingPathComponent("i.sqlite").path,
      "--out", folder.appendingPathComponent("r").path, "--json", "--lang", "en",
    ])
    XCTAssertEqual(audit.status, 1, audit.stderr)
    XCTAssertTrue(audit.stdout.contains("\"internal_domains_inferred\":false"), audit.stdout)
  }
}

import Foundation
import XCTest

/// A scan killed with SIGKILL at any committed batch leaves a sound index,
/// and running it again gives exactly what an uninterrupted scan gives.
final class CrashSafetyTests: XCTestCase {
  /// A deterministic mbox of `count` messages; every seventh exposes three
  /// parties, so findings and incidents depend on every part of the file.
  static func mbox(count: Int) -> String {
    var text = ""
    for i in 0..<count {
      let day = 1 + (i / 200) % 28
      var to = "client\(i)@customer\(i % 50).example"
      if i % 7 == 0 { to += ", p\(i).sample@gmail.com, buyer\(i)@shop\(i % 13).example" }
      text += """
        From sender@corp.example Mon Jan  1 00:00:00 2024
        From: Sender <sender@corp.example>
        To: \(to)
        Subject: Offer \(i % 40)
        Date: \(day) Feb 2024 \(10 + i % 10):\(10 + i % 50):00 +0900
        Message-ID: <m\(i)@corp.example>

        Body of message \(i).
        From the desk of the sender, a line that is not a separator.


        """
    }
    return text
  }

  func final(_ index: String, _ out: String) throws -> String {
    let result = try run(["report", "--index", index, "--out", out, "--format", "csv", "--json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let csv = try String(contentsOfFile: out + "/findings.csv", encoding: .utf8)
    let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    let totals = ["findings", "incidents", "exposed_addresses", "personal_addresses", "problems"].map {
      "\($0)=\(object[$0] ?? "nil")"
    }
    return totals.joined(separator: " ") + "\n" + csv
  }

  /// Every file under `url` (or `url` itself) by path, with its bytes.
  func contents(of url: URL) throws -> [String: Data] {
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
    guard isDirectory.boolValue else { return [url.path: try Data(contentsOf: url)] }
    var all: [String: Data] = [:]
    for case let file as URL in FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) ?? .init()
    where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
      all[file.path] = try Data(contentsOf: file)
    }
    return all
  }

  func integrity(_ index: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [index, "PRAGMA integrity_check;"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func killedScansResumeToTheSameResult(mailbox: URL, points: [Int]) throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
      throw XCTSkip("sqlite3 is needed to check the index's integrity (apt-get install sqlite3)")
    }
    let dir = try temporaryFolder()
    let before = try contents(of: mailbox)
    let reference = dir.appendingPathComponent("reference.sqlite").path
    XCTAssertEqual(try run(["scan", mailbox.path, "--index", reference, "--batch-size", "100", "--quiet"]).status, 1)
    let expected = try final(reference, dir.appendingPathComponent("ref-out").path)

    for point in points {
      let index = dir.appendingPathComponent("killed-\(point).sqlite").path
      let killed = try run(
        ["scan", mailbox.path, "--index", index, "--batch-size", "100", "--quiet"],
        environment: ["MAILAUDIT_TEST_KILL_AT_BATCH": String(point)])
      XCTAssertEqual(killed.status, 9, "killed by SIGKILL at batch \(point)")
      XCTAssertEqual(try integrity(index), "ok", "after a kill at batch \(point)")
      let resumed = try run(["scan", mailbox.path, "--index", index, "--batch-size", "100", "--quiet"])
      XCTAssertTrue([0, 1].contains(resumed.status), resumed.stderr)
      XCTAssertEqual(try final(index, dir.appendingPathComponent("out-\(point)").path), expected, "kill at batch \(point)")
    }
    XCTAssertEqual(try contents(of: mailbox), before, "the mailbox is unchanged, names and bytes")
  }

  func testKilledMboxScansResumeToTheUninterruptedResult() throws {
    let dir = try temporaryFolder()
    let mbox = dir.appendingPathComponent("Sent.mbox")
    try Data(Self.mbox(count: 2500).utf8).write(to: mbox)
    try killedScansResumeToTheSameResult(mailbox: mbox, points: Array(1...22))
  }

  func testKilledMaildirScansResumeToTheUninterruptedResult() throws {
    let dir = try temporaryFolder()
    let maildir = dir.appendingPathComponent("Sent")
    for sub in ["cur", "new", "tmp"] {
      try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    let messages = Self.mbox(count: 2200).components(separatedBy: "From sender@corp.example Mon Jan  1 00:00:00 2024\n")
      .filter { !$0.isEmpty }
    for (i, message) in messages.enumerated() {
      try Data(message.utf8).write(to: maildir.appendingPathComponent(String(format: "cur/%08d.M1P1.host:2,S", i)))
    }
    try killedScansResumeToTheSameResult(mailbox: maildir, points: Array(1...22))
  }
}

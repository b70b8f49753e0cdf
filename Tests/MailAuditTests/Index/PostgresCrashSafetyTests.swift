import Foundation
import XCTest

/// A scanner killed with SIGKILL right after a committed batch leaves a
/// PostgreSQL index whose next run completes to what an uninterrupted scan
/// gives, as the SQLite crash tests (Tests/CLITests/CrashSafetyTests.swift)
/// prove for a file. Runs the built `mailaudit`, whose test hook
/// `MAILAUDIT_TEST_KILL_AT_BATCH` kills it at an exact batch.
final class PostgresCrashSafetyTests: XCTestCase {
  /// A deterministic mbox of `count` messages; every seventh exposes three
  /// parties, so findings and incidents depend on every part of the file.
  static func mbox(count: Int) -> String {
    (0..<count).map { i in
      var to = "client\(i)@customer\(i % 50).example"
      if i % 7 == 0 { to += ", p\(i).sample@gmail.com, buyer\(i)@shop\(i % 13).example" }
      return """
        From sender@corp.example Mon Jan  1 00:00:00 2024
        From: Sender <sender@corp.example>
        To: \(to)
        Subject: Offer \(i % 40)
        Date: \(1 + (i / 200) % 28) Feb 2024 \(10 + i % 10):\(10 + i % 50):00 +0900
        Message-ID: <m\(i)@corp.example>

        Body of message \(i).


        """
    }.joined()
  }

  /// Runs the built command; its status and standard output.
  func mailaudit(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("mailaudit")
    guard FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") else {
      throw XCTSkip("the mailaudit executable is not built next to the tests")
    }
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["TZ"] = "UTC"
    env["MAILAUDIT_INDEX"] = nil
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// The totals of `report --json` and the findings CSV.
  func final(_ index: String, _ out: String) throws -> String {
    let result = try mailaudit(["report", "--index", index, "--out", out, "--format", "csv", "--json"])
    XCTAssertEqual(result.status, 0)
    let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    let totals = ["findings", "incidents", "exposed_addresses", "personal_addresses", "problems"].map {
      "\($0)=\(object[$0] ?? "nil")"
    }
    return totals.joined(separator: " ") + "\n" + (try String(contentsOfFile: out + "/findings.csv", encoding: .utf8))
  }

  func testScannersKilledAtTenBatchesResumeToTheUninterruptedResult() throws {
    let cluster = try PostgresCluster.start(for: self)
    let dir = try temporaryFolder(self)
    let mbox = dir.appendingPathComponent("Sent.mbox")
    try Data(Self.mbox(count: 2500).utf8).write(to: mbox)
    let reference = dir.appendingPathComponent("reference.sqlite").path
    XCTAssertEqual(try mailaudit(["scan", mbox.path, "--index", reference, "--batch-size", "100", "--quiet"]).status, 1)
    let expected = try final(reference, dir.appendingPathComponent("ref-out").path)
    XCTAssertTrue(expected.hasPrefix("findings=358 "), expected.prefix(80).description)

    for point in [1, 3, 6, 9, 12, 15, 18, 21, 23, 25] {
      try cluster.psql("CREATE DATABASE killed\(point)")
      let index = "postgresql://postgres@/killed\(point)?host=\(cluster.socketFolder)&port=\(cluster.port)"
      let killed = try mailaudit(
        ["scan", mbox.path, "--index", index, "--batch-size", "100", "--quiet"],
        environment: ["MAILAUDIT_TEST_KILL_AT_BATCH": String(point)])
      XCTAssertEqual(killed.status, SIGKILL, "killed at batch \(point)")
      let resumed = try mailaudit(["scan", mbox.path, "--index", index, "--batch-size", "100", "--quiet"])
      XCTAssertTrue([0, 1].contains(resumed.status), "resumed after batch \(point): \(resumed.status)")
      XCTAssertEqual(try final(index, dir.appendingPathComponent("out-\(point)").path), expected, "kill at batch \(point)")
      XCTAssertEqual(
        try cluster.psql("SELECT string_agg(status, ',' ORDER BY id) FROM scanRun", database: "killed\(point)"),
        "interrupted,completed", "batch \(point)")
    }
  }
}

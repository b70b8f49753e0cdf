import Foundation
import XCTest

@testable import MailParsing

/// A message as the tests compare it: where it is and its header text.
struct ReadMessage: Equatable, CustomStringConvertible {
  var offset: UInt64
  var length: UInt64?
  var file: String
  var header: String
  var truncated: Bool

  init(_ message: RawMessage) {
    offset = message.location.offset
    length = message.location.length
    file = message.location.file
    header = String(decoding: message.header, as: UTF8.self)
    truncated = message.headerTruncated
  }

  var description: String { "\(file)@\(offset)+\(length.map(String.init) ?? "?") \(header.debugDescription)" }
}

/// Everything a source yielded, in order.
struct ReadResult {
  var messages: [ReadMessage] = []
  var raw: [RawMessage] = []
  var problems: [Problem] = []

  var problemKinds: [Problem.Kind] { problems.map(\.kind) }
}

func readAll(_ source: any MailboxSource) throws -> ReadResult {
  var result = ReadResult()
  try source.forEachEvent { event in
    switch event {
    case .message(let message):
      result.messages.append(ReadMessage(message))
      result.raw.append(message)
    case .problem(let problem):
      result.problems.append(problem)
    }
  }
  return result
}

/// A fresh folder under the system temporary folder, removed by `tearDown`.
final class ScratchFolder {
  let path: String

  init(_ name: String = #function) throws {
    let base = NSTemporaryDirectory() + "mailbox-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    path = base
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `text` (as UTF-8) to `relative`, creating folders on the way.
  @discardableResult
  func write(_ relative: String, _ text: String) throws -> String {
    try write(relative, bytes: Array(text.utf8))
  }

  @discardableResult
  func write(_ relative: String, bytes: [UInt8]) throws -> String {
    let full = path + "/" + relative
    let folder = (full as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  func makeFolder(_ relative: String) throws {
    try FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
  }
}

/// Paths of test data, from this file's place in the package.
enum TestData {
  /// The package root: three levels above Tests/MailParsingTests/Mailbox.
  static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func fixture(_ relative: String) -> String {
    packageRoot + "/Tests/Fixtures/mailboxes/" + relative
  }

  /// A GPL corpus read in place (never copied into the project).
  static func sharedCorpus(_ relative: String) throws -> String {
    let path = packageRoot + "/../shared/corpora/" + relative
    guard FileManager.default.fileExists(atPath: path) else {
      throw XCTSkip("GPL corpus \(relative) is not copied into the project; absent at \(path)")
    }
    return path
  }
}

/// SHA-256 of every file under `path`, by relative path, from `sha256sum`.
func checksums(under path: String) throws -> [String: String] {
  var result: [String: String] = [:]
  let enumerator = FileManager.default.enumerator(atPath: path)
  var files: [String] = []
  while let relative = enumerator?.nextObject() as? String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory),
       !isDirectory.boolValue {
      files.append(relative)
    }
  }
  for relative in files {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path + "/" + relative]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    result[relative] = String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
  }
  return result
}

import Foundation
import XCTest

@testable import MailParsing

/// Decodes every Subject, From, To and Cc line of the shared corpora (when
/// present; the GPL ones are never copied into the package).
final class EncodedWordsCorpusTests: XCTestCase {
  private static var corporaURL: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/corpora")
  }

  /// Header lines of interest from the start of each file, unfolded.
  private func headerLines(in data: Data) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8]?
    // Only the header block: up to the first empty line.
    let ends = [Data("\n\n".utf8), Data("\r\n\r\n".utf8)].compactMap { data.range(of: $0)?.lowerBound }
    let header = data.prefix(upTo: ends.min() ?? data.endIndex)
    for rawLine in header.split(separator: 0x0A, omittingEmptySubsequences: false) {
      var line = Array(rawLine)
      if line.last == 0x0D { line.removeLast() }
      if line.isEmpty { break }
      if let first = line.first, first == 0x20 || first == 0x09 {
        current?.append(contentsOf: line)
        continue
      }
      if let finished = current { lines.append(finished) }
      let lower = String(decoding: line.prefix(8), as: UTF8.self).lowercased()
      let wanted = ["subject:", "from:", "to:", "cc:"].contains { lower.hasPrefix($0) }
      current = wanted ? line : nil
    }
    if let finished = current { lines.append(finished) }
    return lines
  }

  func testEveryCorpusHeaderDecodesAndLeavesNoWordSilentlyUndecoded() throws {
    let root = Self.corporaURL.resolvingSymlinksInPath()
    guard FileManager.default.fileExists(atPath: root.path) else {
      throw XCTSkip("../shared/corpora not present: corpus decoding not checked (GPL corpora are not copied into the package)")
    }
    guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
      return XCTFail("cannot list \(root.path)")
    }
    var decodedWords = 0
    var kinds: [Problem.Kind: Int] = [:]
    for case let url as URL in files {
      guard let data = try? Data(contentsOf: url), !data.isEmpty else { continue }
      for line in headerLines(in: data) {
        let decoded = EncodedWords.decode(line)
        decoded.issues.forEach { kinds[$0.kind, default: 0] += 1 }
        if ProcessInfo.processInfo.environment["MAILAUDIT_SHOW_ISSUES"] != nil, !decoded.issues.isEmpty {
          print("\(url.path): \(decoded.text) \(decoded.issues)")
        }
        let input = String(decoding: line, as: UTF8.self)
        if input.contains("=?") && !decoded.text.contains("=?") { decodedWords += 1 }
        // A word left as written must come with an issue saying so (enmime's
        // "recursed" sample encodes an encoded word: it decodes to one).
        if !url.lastPathComponent.contains("recursed"),
          decoded.text.range(of: #"=\?[^? ]+\?[BbQq]\?[^ ]*\?="#, options: .regularExpression) != nil {
          XCTAssertTrue(
            decoded.issues.contains { $0.kind == .undecodableWord },
            "\(url.lastPathComponent): \(decoded.text)")
        }
        // Every decoded header is text a person can read: no NUL from decoding.
        XCTAssertFalse(decoded.text.unicodeScalars.contains("\u{0}") && !line.contains(0), url.path)
      }
    }
    XCTAssertGreaterThan(decodedWords, 100, "the corpora hold many encoded words")
    print("corpus header decoding: \(decodedWords) lines with words decoded, issues \(kinds)")
  }
}

import Foundation
import XCTest

/// The Public Suffix List project's test vectors (Tests/Fixtures/psl/test_psl.txt).
struct PublicSuffixVector: Hashable, CustomStringConvertible {
  /// The domain asked about; nil for the vectors' `null` input.
  var domain: String?
  /// The registrable domain expected; nil when there is none.
  var registrable: String?
  /// The line number in the file, for failure messages.
  var line: Int

  var description: String {
    "test_psl.txt:\(line) checkPublicSuffix(\(domain ?? "null"), \(registrable ?? "null"))"
  }

  /// Whether the vector involves an internationalised name (Unicode, or a
  /// punycode label that only the converted Unicode rules know).
  var needsIDNA: Bool {
    [domain, registrable].contains { text in
      guard let text else { return false }
      return !text.allSatisfy(\.isASCII) || text.contains("xn--")
    }
  }

  /// Every `checkPublicSuffix(...)` line of the fixture, commented-out ones left out.
  static func loadAll(filePath: String = #filePath) throws -> [PublicSuffixVector] {
    let url = URL(fileURLWithPath: filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/psl/test_psl.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    var vectors: [PublicSuffixVector] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      let prefix = "checkPublicSuffix("
      guard line.hasPrefix(prefix), line.hasSuffix(");") else { continue }
      let arguments = line.dropFirst(prefix.count).dropLast(2)
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      guard arguments.count == 2 else {
        throw VectorFileError(line: index + 1, text: line)
      }
      vectors.append(
        PublicSuffixVector(
          domain: try argument(arguments[0], line: index + 1),
          registrable: try argument(arguments[1], line: index + 1),
          line: index + 1))
    }
    return vectors
  }

  /// `null` or a single-quoted string.
  private static func argument(_ text: String, line: Int) throws -> String? {
    if text == "null" { return nil }
    guard text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") else {
      throw VectorFileError(line: line, text: text)
    }
    return String(text.dropFirst().dropLast())
  }
}

/// A line of test_psl.txt this reader does not understand.
struct VectorFileError: Error, CustomStringConvertible {
  var line: Int
  var text: String
  var description: String { "test_psl.txt:\(line): cannot read \(text)" }
}

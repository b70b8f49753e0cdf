import Foundation
import XCTest

/// Loads a JSON table of field cases from Tests/Fixtures/fields/.
enum FieldTable {
  static func load<Case: Decodable>(_ name: String, as type: [Case].Type = [Case].self) throws -> [Case] {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Fields
      .deletingLastPathComponent()  // MailParsingTests
      .deletingLastPathComponent()  // Tests
      .appendingPathComponent("Fixtures/fields/\(name)")
    let data = try Data(contentsOf: url)
    let cases = try JSONDecoder().decode([Case].self, from: data)
    XCTAssertFalse(cases.isEmpty, "\(name) holds no cases")
    return cases
  }
}

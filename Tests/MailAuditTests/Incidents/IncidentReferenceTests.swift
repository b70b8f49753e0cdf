import XCTest

@testable import MailAudit

final class IncidentReferenceTests: XCTestCase {
  let ids = ["INC-415d56e393", "INC-415e00aa11", "INC-a85b194396"]

  func testAnExactIdOrAUniqueBeginningInAnyCaseNamesOneIncident() throws {
    XCTAssertEqual(try IncidentReference("INC-a85b194396").resolve(among: ids), "INC-a85b194396")
    XCTAssertEqual(try IncidentReference("a85b").resolve(among: ids), "INC-a85b194396")
    XCTAssertEqual(try IncidentReference("inc-415D5").resolve(among: ids), "INC-415d56e393")
  }

  func testAnAmbiguousOrUnknownBeginningIsRefusedWithTheCandidates() {
    XCTAssertThrowsError(try IncidentReference("415").resolve(among: ids)) { error in
      XCTAssertEqual(error as? IncidentReference.Failure, .ambiguous("415", matches: ["INC-415d56e393", "INC-415e00aa11"]))
    }
    XCTAssertThrowsError(try IncidentReference("beef").resolve(among: ids)) { error in
      XCTAssertEqual(error as? IncidentReference.Failure, .noMatch("beef"))
    }
  }
}

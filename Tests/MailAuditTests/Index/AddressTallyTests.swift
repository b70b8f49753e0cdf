import XCTest

@testable import MailAudit

/// The notification list's per-address figures, folded from exposures in
/// whatever order they come: what the SQL window functions gave before.
final class AddressTallyTests: XCTestCase {
  func testFirstAndLastAreTheEarliestAndLatestDatedExposuresTiesToTheLowestMessage() {
    var tally = AddressTally(id: 1, address: "a@x.example", party: "x.example", personal: false)
    tally.add(messageRowId: 9, incidentId: "INC-2", exposedTo: 4, epoch: 200, offset: 3600)
    tally.add(messageRowId: 7, incidentId: "INC-1", exposedTo: 2, epoch: 100, offset: 0)
    tally.add(messageRowId: 3, incidentId: "INC-1", exposedTo: 9, epoch: nil, offset: nil)
    tally.add(messageRowId: 5, incidentId: "INC-2", exposedTo: 1, epoch: 200, offset: -3600)
    tally.add(messageRowId: 2, incidentId: "INC-3", exposedTo: 1, epoch: 100, offset: 32400)
    // The same message naming the address twice is one message.
    tally.add(messageRowId: 2, incidentId: "INC-3", exposedTo: 1, epoch: 100, offset: 32400)
    XCTAssertEqual(tally.messages.count, 5)
    XCTAssertEqual(tally.incidents.count, 3)
    XCTAssertEqual(tally.maxExposedTo, 9, "an undated message still counts for its audience")
    XCTAssertEqual(tally.first?.epoch, 100)
    XCTAssertEqual(tally.first?.messageRowId, 2)
    XCTAssertEqual(tally.first?.offset, 32400)
    XCTAssertEqual(tally.last?.epoch, 200)
    XCTAssertEqual(tally.last?.messageRowId, 5)
    XCTAssertEqual(tally.last?.offset, -3600)
  }

  func testAnAddressExposedOnlyByUndatedMessagesHasNoFirstOrLastDate() {
    var tally = AddressTally(id: 2, address: "b@y.example", party: "y.example", personal: true)
    tally.add(messageRowId: 1, incidentId: "INC-1", exposedTo: 3, epoch: nil, offset: nil)
    XCTAssertNil(tally.first)
    XCTAssertNil(tally.last)
    XCTAssertEqual(tally.messages, [1])
  }
}

import MailAudit
import XCTest

/// The PSL project's own vectors against the bundled snapshot.
final class PublicSuffixListVectorTests: XCTestCase {
  /// Vectors the bundled snapshot (2023-02-09) answers differently from the
  /// current list the vectors follow: there `*.kobe.jp` and `!city.kobe.jp`
  /// no longer exist, so `city.kobe.jp` is under the registrable `kobe.jp`;
  /// in the snapshot `kobe.jp` is public and `city.kobe.jp` registrable.
  static let differsInBundledSnapshot: [String: String] = [
    "city.kobe.jp": "city.kobe.jp",
    "www.city.kobe.jp": "city.kobe.jp",
  ]

  func testBundledListGivesTheVectorsRegistrableDomains() throws {
    let list = try PublicSuffixList.bundled()
    let vectors = try PublicSuffixVector.loadAll()
    var checked = 0
    for vector in vectors where !vector.needsIDNA {
      // `null` input has no counterpart in a String API; the empty string,
      // its nearest, is covered in PublicSuffixListTests.
      guard let domain = vector.domain,
        Self.differsInBundledSnapshot[domain] == nil
      else { continue }
      XCTAssertEqual(list.registrableDomain(of: domain), vector.registrable, "\(vector)")
      checked += 1
    }
    // 78 vectors: all but `null`, the 18 IDNA ones and the 2 skipped ran.
    XCTAssertEqual(vectors.count, 78, "vectors read from test_psl.txt")
    XCTAssertEqual(vectors.filter(\.needsIDNA).count, 18)
    XCTAssertEqual(checked, 57)
  }

  func testSkippedVectorsStillDifferOnlyBecauseOfTheSnapshotsKobeRules() throws {
    // When this fails the snapshot was updated: drop the skip list above.
    let list = try PublicSuffixList.bundled()
    let vectors = try PublicSuffixVector.loadAll()
    for (domain, snapshotAnswer) in Self.differsInBundledSnapshot {
      let vector = try XCTUnwrap(vectors.first { $0.domain == domain }, domain)
      XCTAssertNotEqual(vector.registrable, snapshotAnswer, "\(vector) no longer differs")
      XCTAssertEqual(list.registrableDomain(of: domain), snapshotAnswer, domain)
    }
  }
}

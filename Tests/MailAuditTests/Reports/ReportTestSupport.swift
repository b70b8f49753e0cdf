import Foundation
import XCTest

@testable import MailAudit

/// Audits `mailbox` into a fresh in-memory index.
func auditedIndex(_ mailbox: URL) throws -> (AuditIndex, Auditor) {
  let index = try AuditIndex()
  let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
  _ = try auditor.scan(paths: [mailbox.path])
  return (index, auditor)
}

/// The hostile mailbox (Tests/Fixtures/hostile/make_hostile.py writes it).
let hostileMailbox = PackagePaths.fixtures.appendingPathComponent("hostile/hostile.mbox")

/// A report's text with the checkout's own path taken out, so snapshots
/// do not depend on where the package lives.
func portable(_ bytes: [UInt8]) -> String {
  String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: PackagePaths.root.path + "/", with: "")
}

/// POSIX permission bits of `url`.
func mode(of url: URL) throws -> Int {
  let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
  return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
}

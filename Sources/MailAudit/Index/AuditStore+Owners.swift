import Foundation

/// Whose mail each mailbox is: what an organisation's audit adds to the
/// store (see ``MailboxOwners``). Every ``AuditStore`` keeps it.
public protocol MailboxOwnerStore {
  /// Records `owner` as whose mail `mailbox` (a location's mailbox string)
  /// is; a later call replaces the owner and keeps the first run.
  func recordOwner(_ owner: String, mailbox: String, runId: Int64) throws
  /// Every mailbox with an owner: mailbox to owner.
  func mailboxOwners() throws -> [String: String]
  /// The owners recorded, sorted.
  func owners() throws -> [String]
  /// Counts by owner and by sender domain; nil when no mailbox has an owner.
  func organisationTotals() throws -> OrganisationTotals?
  /// What belongs to `owner`, for limiting a report to their mail.
  func ownerScope(_ owner: String) throws -> OwnerScope
}

import Foundation
import MailIMAP
import MailParsing

/// Whose mail a mailbox is: the user an IMAP folder is signed in as, else
/// the owner named for the scan (`--owner`), else the first configured
/// path pattern that matches (`/srv/mail/{owner}/Maildir`). Recorded in
/// the index per mailbox, so findings and incidents can be counted and
/// filtered by owner.
public struct MailboxOwners: Sendable, Equatable {
  /// The owner of every file or folder scanned (`--owner`).
  public var owner: String?
  /// Path patterns, tried in order.
  public var patterns: [OwnerPattern]

  /// No owner named and no pattern: only IMAP folders get an owner.
  public init(owner: String? = nil, patterns: [OwnerPattern] = []) {
    self.owner = owner
    self.patterns = patterns
  }

  /// The owner of `mailbox` (a path as scanned, or an `imap://` folder),
  /// nil when nothing names one.
  public func owner(of mailbox: String) -> String? {
    if IMAPFolderAddress.isIMAPURL(mailbox) { return (try? IMAPFolderAddress(url: mailbox))?.user }
    if let owner { return owner }
    let path = URL(fileURLWithPath: mailbox).standardizedFileURL.path
    for pattern in patterns {
      if let owner = pattern.owner(of: path) { return owner }
    }
    return nil
  }
}

/// A path with `{owner}` standing for one level of it:
/// `/srv/mail/{owner}/Maildir` gives `alice` for
/// `/srv/mail/alice/Maildir` and for any mailbox below it
/// (`/srv/mail/alice/Maildir/.Sent`). The level may hold more around it
/// (`/backup/{owner}.mbox`). A leading `~/` is the home folder.
public struct OwnerPattern: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public let description: String
  private let levels: [Substring]

  /// Reads `text`; it must be an absolute path (or start with `~/`) with
  /// `{owner}` exactly once.
  public init(_ text: String) throws {
    var path = text
    if path.hasPrefix("~/") { path = NSHomeDirectory() + path.dropFirst(1) }
    guard path.hasPrefix("/") else { throw OwnerPatternError.notAbsolute(text) }
    guard path.components(separatedBy: "{owner}").count == 2 else { throw OwnerPatternError.noOwnerPlaceholder(text) }
    description = text
    levels = path.split(separator: "/")
  }

  /// The owner this pattern reads from the absolute `path`, or nil when it
  /// does not match.
  public func owner(of path: String) -> String? {
    let parts = path.split(separator: "/")
    guard parts.count >= levels.count else { return nil }
    var owner: String?
    for (level, part) in zip(levels, parts) {
      guard let marker = level.range(of: "{owner}") else {
        guard level == part else { return nil }
        continue
      }
      let prefix = level[..<marker.lowerBound]
      let suffix = level[marker.upperBound...]
      guard part.count > prefix.count + suffix.count, part.hasPrefix(prefix), part.hasSuffix(suffix) else {
        return nil
      }
      owner = String(part.dropFirst(prefix.count).dropLast(suffix.count))
    }
    return owner
  }
}

/// Why an `owners` pattern of the configuration cannot be used.
public enum OwnerPatternError: Error, Equatable, LocalizedError {
  case notAbsolute(String)
  case noOwnerPlaceholder(String)

  public var errorDescription: String? {
    switch self {
    case .notAbsolute(let text): "owner pattern '\(text)' must be an absolute path such as /srv/mail/{owner}/Maildir"
    case .noOwnerPlaceholder(let text): "owner pattern '\(text)' must hold {owner} exactly once"
    }
  }
}

extension ScanRun {
  /// Records whose mail `source` is, when anything names an owner. (A
  /// server read for many users names none: each user's folder is
  /// recorded as it is read.)
  func recordOwner(of source: any MailboxSource) throws {
    guard let owner = driver.owners.owner(of: source.mailbox) else { return }
    try index.recordOwner(owner, mailbox: source.mailbox, runId: runId)
  }
}

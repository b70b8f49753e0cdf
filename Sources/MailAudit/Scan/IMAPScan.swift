import Foundation
import MailIMAP
import MailParsing

/// How a scan reaches the IMAP folders named as `imap://` paths.
public struct IMAPScanSettings: Sendable {
  /// TLS or STARTTLS, the CA to trust, timeouts.
  public var connection: IMAPConnectionOptions
  /// Gives the password of an account, asked only when one of its folders
  /// is scanned. Never stored.
  public var password: @Sendable (IMAPFolderAddress) throws -> String
  /// Messages asked for per `UID FETCH` (at most the driver's batch size).
  public var fetchChunkSize: Int

  /// TLS to port 993, the password from the environment, 500 messages per fetch.
  public init(
    connection: IMAPConnectionOptions = IMAPConnectionOptions(),
    password: @escaping @Sendable (IMAPFolderAddress) throws -> String = IMAPScanSettings.passwordFromEnvironment,
    fetchChunkSize: Int = 500
  ) {
    self.connection = connection
    self.password = password
    self.fetchChunkSize = fetchChunkSize
  }

  /// The variable that holds the IMAP password for unattended scans.
  public static let passwordVariable = "MAILAUDIT_IMAP_PASSWORD"

  /// The password from `MAILAUDIT_IMAP_PASSWORD`, or an error saying to set it.
  @Sendable public static func passwordFromEnvironment(_ address: IMAPFolderAddress) throws -> String {
    guard let password = ProcessInfo.processInfo.environment[passwordVariable] else {
      throw IMAPScanError.noPassword(account: address.account)
    }
    return password
  }

  /// The sources at `path`: an IMAP folder for an `imap://` address, else
  /// what mailbox discovery finds in the file system.
  func sources(
    at path: String, outlookFolders: PSTReader.FolderSelection = .sentItems
  ) throws -> (sources: [any MailboxSource], problems: [Problem], skipped: [SkippedFile]) {
    guard IMAPFolderAddress.isIMAPURL(path) else {
      return MailboxDiscovery.sources(at: path, outlookFolders: outlookFolders)
    }
    let address = try IMAPFolderAddress(url: path, startTLS: connection.startTLS)
    return ([IMAPFolderTarget(address: address, settings: self)], [], [])
  }
}

/// Why an IMAP scan could not start.
public enum IMAPScanError: Error, Equatable, LocalizedError {
  /// No password in the environment and no terminal to ask on.
  case noPassword(account: String)

  /// What to set, for the person running the scan.
  public var errorDescription: String? {
    switch self {
    case .noPassword(let account):
      return "no IMAP password for \(account): set \(IMAPScanSettings.passwordVariable) or run on a terminal to be asked"
    }
  }
}

/// An IMAP folder the scan driver reads incrementally. Read as a plain
/// source (without an index) it yields the whole folder.
struct IMAPFolderTarget: MailboxSource {
  let address: IMAPFolderAddress
  let settings: IMAPScanSettings

  var mailbox: String { address.folderURL }

  func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let source = IMAPFolderSource(
      address: address, password: try settings.password(address), options: settings.connection,
      chunkSize: settings.fetchChunkSize)
    try source.forEachEvent(body)
  }
}

extension ScanRun {
  /// An IMAP folder: only UIDs above the highest one indexed under the
  /// folder's current UIDVALIDITY are fetched; a new UIDVALIDITY means the
  /// server renumbered the folder, so it is read again (messages already
  /// known by Message-ID count as duplicates, not new). Each fetched chunk
  /// is committed before the next is asked for, so a dropped connection
  /// keeps everything before it.
  mutating func readIMAP(_ target: IMAPFolderTarget) throws {
    let address = target.address
    let session = try IMAPFolderSession(
      address: address, password: try target.settings.password(address), options: target.settings.connection)
    defer { session.close() }
    let status = try session.examine()
    let highest = try index.imapHighestUID(account: address.account, folder: address.folder, uidValidity: status.uidValidity)
    if highest == nil {
      try index.markIMAPLocationsGone(folderURL: address.folderURL, keepingUIDValidity: status.uidValidity, runId: runId)
    }
    let uids = try session.uids(after: highest ?? 0)
    let chunkSize = max(1, min(driver.batchSize, target.settings.fetchChunkSize))
    var start = 0
    while start < uids.count {
      let chunk = Array(uids[start..<min(start + chunkSize, uids.count)])
      start += chunkSize
      for event in try session.fetchHeaders(uids: chunk) { add(event) }
      try flush()
      if let last = chunk.last {
        try index.saveIMAPHighestUID(
          last, account: address.account, folder: address.folder, uidValidity: status.uidValidity, runId: runId)
      }
      if shouldStop() { throw ScanStop() }
    }
  }
}

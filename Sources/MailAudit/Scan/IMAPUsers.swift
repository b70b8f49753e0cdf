import Foundation
import MailIMAP
import MailParsing

/// Every user's Sent folder on one server, read through a Dovecot master
/// user: how the users are listed and how many are read at once. Who signs
/// in is the settings' credential, which must be a master login
/// (``IMAPCredential/master(_:password:)``); it is asked for once per scan,
/// so a prompt comes once, not per user.
public struct IMAPMasterScan: Sendable, Equatable {
  /// Where the logins come from.
  public enum Users: Sendable, Equatable {
    /// A file with one login a line; blank lines and `#` comments ignored.
    case file(String)
    /// A shell command printing one login a line (`doveadm user '*'`), run
    /// through `/bin/sh -c` once per scan; its standard error stays ours.
    case command(String)
    /// The logins themselves (tests, library callers).
    case list([String])
  }

  /// Whose Sent folders are read.
  public var users: Users
  /// Users read at the same time, each on its own connection.
  public var jobs: Int

  /// A scan of `users`, `jobs` users at a time.
  public init(users: Users, jobs: Int = 1) {
    self.users = users
    self.jobs = max(1, jobs)
  }

  /// The logins, in the order given, each once.
  public func logins() throws -> [String] {
    switch users {
    case .list(let names): return Self.logins(in: names.joined(separator: "\n"))
    case .file(let path):
      // Read as a stream, so a pipe (`--imap-users <(doveadm user '*')`) works too.
      guard let handle = FileHandle(forReadingAtPath: path) else { throw IMAPUsersError.unreadableFile(path) }
      defer { try? handle.close() }
      let data: Data
      do {
        data = try handle.readToEnd() ?? Data()
      } catch {
        throw IMAPUsersError.unreadableFile(path)
      }
      return Self.logins(in: String(decoding: data, as: UTF8.self))
    case .command(let command): return Self.logins(in: try Self.run(command))
    }
  }

  /// One login a line: the first word of the line (`doveadm user` prints
  /// just the name; a file may say more after it), `#` to the line's end a
  /// comment, duplicates dropped.
  static func logins(in text: String) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for line in text.split(whereSeparator: \.isNewline) {
      let content = line.prefix { $0 != "#" }
      guard let login = content.split(whereSeparator: \.isWhitespace).first.map(String.init) else { continue }
      if seen.insert(login).inserted { out.append(login) }
    }
    return out
  }

  private static func run(_ command: String) throws -> String {
    switch ShellCommand(command: command).output() {
    case .success(let text): return text
    case .failure(let failure): throw IMAPUsersError.commandFailed(command: command, reason: failure.reason)
    }
  }
}

/// Why the users of a master-user scan cannot be listed.
public enum IMAPUsersError: Error, Equatable, LocalizedError {
  /// The `--imap-users` file cannot be read.
  case unreadableFile(String)
  /// The `--imap-users-command` could not run or failed.
  case commandFailed(command: String, reason: String)
  /// The list holds no login.
  case noUsers(source: String)
  /// The credential is not a master login, so one sign-in cannot read
  /// every user's mail.
  case notAMasterLogin

  public var errorDescription: String? {
    switch self {
    case .unreadableFile(let path): return "cannot read the --imap-users file \(path)"
    case .commandFailed(let command, let reason):
      return "the --imap-users-command '\(command)' failed: \(reason); its own messages, if any, are above"
    case .noUsers(let source): return "\(source) lists no IMAP user (one login a line, # starts a comment)"
    case .notAMasterLogin: return "reading every user's Sent folder needs a master user: give --imap-master"
    }
  }
}

/// Every listed user's Sent folder on one server, as one source. Read by a
/// scan with an index (``ScanRun/readIMAPUsers(_:)``) each folder is read
/// incrementally and several users at once; read as a plain source it
/// yields every folder whole, one user after another.
struct IMAPUsersTarget: IncrementalSource {
  let server: IMAPServerAddress
  let scan: IMAPMasterScan
  let settings: IMAPScanSettings

  /// The server's address, `imap://host[:port]`.
  var mailbox: String { "imap://" + server.hostPart }

  func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let users = try users()
    guard let first = users.first else { return }
    let credential = try masterCredential(firstUser: first)
    for user in users {
      do {
        let (session, _) = try openSentFolder(of: user, credential: credential)
        defer { session.close() }
        let source = IMAPFolderSource(
          address: session.address, credential: credential, options: settings.connection,
          chunkSize: settings.fetchChunkSize)
        try source.forEachEvent(body)
      } catch let failure as IMAPUserFailure {
        try body(.problem(failure.problem))
      } catch let error as IMAPError {
        try body(.problem(failed(user, error)))
      }
    }
  }

  /// The logins to read; none is an error, not an empty scan.
  func users() throws -> [String] {
    let users = try scan.logins()
    guard !users.isEmpty else {
      let source: String
      switch scan.users {
      case .file(let path): source = "the --imap-users file \(path)"
      case .command(let command): source = "the --imap-users-command '\(command)'"
      case .list: source = "the user list"
      }
      throw IMAPUsersError.noUsers(source: source)
    }
    return users
  }

  /// The master login, asked for once: every user is read with it.
  func masterCredential(firstUser: String) throws -> IMAPCredential {
    let credential = try settings.credential(
      try IMAPFolderAddress(user: firstUser, server: server, folder: server.folder ?? "INBOX"))
    guard case .master = credential else { throw IMAPUsersError.notAMasterLogin }
    return credential
  }

  /// Signs in for `user` and opens the Sent folder: the one the server's
  /// address names, else the one marked `\Sent`, else a known name.
  func openSentFolder(of user: String, credential: IMAPCredential) throws
    -> (IMAPFolderSession, IMAPFolderStatus)
  {
    let address = try IMAPFolderAddress(user: user, server: server, folder: server.folder ?? "INBOX")
    let session = try IMAPFolderSession(address: address, credential: credential, options: settings.connection)
    do {
      if server.folder == nil {
        guard let sent = try session.sentFolder() else {
          throw IMAPUserFailure(
            problem: Problem(
              kind: .noSentFolder, file: userURL(user),
              detail: "no folder is marked \\Sent (RFC 6154) or named as a Sent folder is"))
        }
        try session.use(folder: sent.folder.name)
      }
      return (session, try session.examine())
    } catch {
      session.close()
      throw error
    }
  }

  /// `imap://user@host[:port]`: where a user's problem is located.
  func userURL(_ user: String) -> String {
    "imap://\(user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user)@\(server.hostPart)"
  }

  /// A user whose mailbox cannot be read, as a located problem.
  func failed(_ user: String, _ error: IMAPError) -> Problem {
    Problem(kind: .mailboxUnavailable, file: userURL(user), detail: error.errorDescription ?? "\(error)")
  }
}

/// A secret asked for at most once (a master password typed on the
/// terminal), then kept in memory for the rest of the process only.
public final class OnceAskedSecret: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var known: String?
  private let ask: @Sendable () throws -> String

  /// A secret that `ask` gives when it is first needed.
  public init(_ ask: @escaping @Sendable () throws -> String) { self.ask = ask }

  /// The secret: asked the first time, remembered after.
  public func value() throws -> String {
    lock.lock()
    defer { lock.unlock() }
    if let known { return known }
    let value = try ask()
    known = value
    return value
  }
}

/// A user that cannot be read, already worded as its problem.
struct IMAPUserFailure: Error {
  let problem: Problem
}

/// What a worker reading one user hands to the scan, in order.
enum IMAPUserStep: Sendable {
  /// The user's folder is open: record its owner; `renumbered` when its
  /// UIDVALIDITY has no stored state (read again from the start).
  case opened(IMAPFolderAddress, owner: String, uidValidity: UInt32, renumbered: Bool)
  /// One fetched chunk, up to UID `last`.
  case chunk(IMAPFolderAddress, [MailboxEvent], uidValidity: UInt32, last: UInt32)
  /// The user could not be read (or only in part): a located problem.
  case failed(Problem)
  /// One worker has no user left.
  case workerDone
}

/// A bounded queue from the workers (network) to the scan (the one index
/// writer): a worker waits when the scan is behind, so memory stays at a
/// few chunks whatever the number of users.
final class IMAPUserSteps: @unchecked Sendable {
  // Guarded by `condition`.
  private let condition = NSCondition()
  private var steps: [IMAPUserStep] = []
  private var nextUser = 0
  private var cancelled = false
  private let capacity: Int

  init(capacity: Int) { self.capacity = max(2, capacity) }

  /// The index of the next user to read, or nil when none is left or the
  /// scan stopped.
  func takeUser(count: Int) -> Int? {
    condition.lock()
    defer { condition.unlock() }
    guard !cancelled, nextUser < count else { return nil }
    defer { nextUser += 1 }
    return nextUser
  }

  /// Queues `step`, waiting while the queue is full; false once the scan
  /// stopped (the worker then gives up its user).
  @discardableResult
  func put(_ step: IMAPUserStep) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while steps.count >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    steps.append(step)
    condition.broadcast()
    return true
  }

  /// The next step, waiting for one.
  func take() -> IMAPUserStep {
    condition.lock()
    defer { condition.unlock() }
    while steps.isEmpty { condition.wait() }
    condition.broadcast()
    return steps.removeFirst()
  }

  /// Stops the workers at their next step.
  func cancel() {
    condition.lock()
    cancelled = true
    steps.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}

extension IMAPUsersTarget {
  func read(into run: inout ScanRun) throws { try run.readIMAPUsers(self) }
}

extension ScanRun {
  /// Every user's Sent folder, `jobs` users at a time: workers sign in,
  /// find the folder and fetch chunks of headers; this thread, the only
  /// writer, stores them in the order each worker fetched them. Each folder
  /// is incremental as in ``IMAPFolderTarget/read(into:)``: only UIDs above those indexed
  /// under its UIDVALIDITY are fetched. A user that cannot be read is a
  /// located problem and the others are read.
  mutating func readIMAPUsers(_ target: IMAPUsersTarget) throws {
    let users = try target.users()
    guard let first = users.first else { return }
    let credential = try target.masterCredential(firstUser: first)
    let jobs = min(target.scan.jobs, users.count)
    let steps = IMAPUserSteps(capacity: 2 * jobs)
    let index = try self.index
    let chunkSize = max(1, min(driver.batchSize, target.settings.fetchChunkSize))
    let workers = DispatchGroup()
    for _ in 0..<jobs {
      DispatchQueue.global().async(group: workers) {
        while let n = steps.takeUser(count: users.count) {
          Self.read(user: users[n], of: target, credential: credential, index: index, chunkSize: chunkSize, into: steps)
        }
        steps.put(.workerDone)
      }
    }
    var running = jobs
    do {
      while running > 0 {
        switch steps.take() {
        case .workerDone:
          running -= 1
        case .failed(let problem):
          problems.append(problem)
        case .opened(let address, let owner, let uidValidity, let renumbered):
          currentFile = address.folderURL
          try index.recordOwner(owner, mailbox: address.folderURL, runId: runId)
          if renumbered {
            try index.markIMAPLocationsGone(folderURL: address.folderURL, keepingUIDValidity: uidValidity, runId: runId)
          }
        case .chunk(let address, let events, let uidValidity, let last):
          for event in events { add(event) }
          try flush()
          try index.saveIMAPHighestUID(
            last, account: address.account, folder: address.folder, uidValidity: uidValidity, runId: runId)
          if shouldStop() { throw ScanStop() }
        }
      }
    } catch {
      steps.cancel()
      workers.wait()
      throw error
    }
    workers.wait()
  }

  /// One user, on a worker thread: everything it finds goes to `steps`.
  private static func read(
    user: String, of target: IMAPUsersTarget, credential: IMAPCredential, index: any AuditStore, chunkSize: Int,
    into steps: IMAPUserSteps
  ) {
    do {
      let (session, status) = try target.openSentFolder(of: user, credential: credential)
      defer { session.close() }
      let address = session.address
      let highest = try index.imapHighestUID(
        account: address.account, folder: address.folder, uidValidity: status.uidValidity)
      guard
        steps.put(.opened(address, owner: user, uidValidity: status.uidValidity, renumbered: highest == nil))
      else { return }
      let uids = try session.uids(after: highest ?? 0)
      var start = 0
      while start < uids.count {
        let chunk = Array(uids[start..<min(start + chunkSize, uids.count)])
        start += chunkSize
        let events = try session.fetchHeaders(uids: chunk)
        guard let last = chunk.last,
          steps.put(.chunk(address, events, uidValidity: status.uidValidity, last: last))
        else { return }
      }
    } catch let failure as IMAPUserFailure {
      steps.put(.failed(failure.problem))
    } catch let error as IMAPError {
      steps.put(.failed(target.failed(user, error)))
    } catch {
      steps.put(.failed(Problem(kind: .mailboxUnavailable, file: target.userURL(user), detail: "\(error)")))
    }
  }
}

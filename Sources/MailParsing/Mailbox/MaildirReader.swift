import Glibc

/// Reads a Maildir folder: every message file in `cur/` and `new/`.
///
/// `tmp/` is never read (files there are still being written) and dot files
/// are skipped. Each file is read only up to the end of its header block.
public struct MaildirReader: MailboxSource {
  /// The Maildir folder (the one holding `cur/` and `new/`).
  public let path: String
  /// The mailbox name reported in locations: the Maildir folder.
  public var mailbox: String { path }

  /// The subfolders read, in this order.
  static let messageFolders = ["cur", "new"]

  /// Creates a reader; nothing is listed until ``forEachEvent(_:)``.
  public init(path: String) {
    self.path = path
  }

  /// The message files, `cur/` then `new/`, each sorted by name, with a
  /// problem for a subfolder that exists but cannot be listed.
  ///
  /// - Throws: ``MailboxReadError`` when neither subfolder can be listed.
  public func messageFiles() throws -> (files: [String], problems: [Problem]) {
    var files: [String] = []
    var problems: [Problem] = []
    var listedAny = false
    var firstFailure: SystemCallError?
    for folder in Self.messageFolders {
      let folderPath = path + "/" + folder
      switch DirectoryListing.visiblePaths(in: folderPath) {
      case .success(let paths):
        listedAny = true
        files += paths
      case .failure(let failure):
        firstFailure = firstFailure ?? failure
        // A Maildir copied by tools that drop empty folders may lack one.
        if failure.code != ENOENT {
          problems.append(Problem(kind: .unreadableFile, file: folderPath, detail: failure.description))
        }
      }
    }
    if !listedAny, let failure = firstFailure {
      throw MailboxReadError(path: path, call: failure.call, code: failure.code)
    }
    return (files, problems)
  }

  /// Streams every message of the Maildir, and problems for files that
  /// could not be read as messages.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let listing = try messageFiles()
    for problem in listing.problems { try body(.problem(problem)) }
    try forEachEvent(in: listing.files, body)
  }

  /// Streams the messages of `files`, a listing from ``messageFiles()``
  /// (kept apart so a file removed after listing is reported as vanished).
  public func forEachEvent(in files: [String], _ body: (MailboxEvent) throws -> Void) rethrows {
    try forEachEvent(in: files, readAhead: .standard, body)
  }

  /// ``forEachEvent(in:_:)``, reading ahead within `limits` (see ``ReadAhead``).
  func forEachEvent(
    in files: [String], readAhead limits: ReadAheadLimits, _ body: (MailboxEvent) throws -> Void
  ) rethrows {
    // `cur/` and `new/` are held open and each file opened by its name in
    // its folder, as the C limit of the benchmark does. A file elsewhere,
    // or in a folder that could not be opened, is opened by its path.
    let folders = OpenFolders(Self.messageFolders.map { path + "/" + $0 })
    let mailbox = path
    // Once the files come from the disk they are read ahead on a few
    // threads, and handed over in the listing's order (see ReadAhead): the
    // events are those of a file-by-file read.
    try ReadAhead<FileEvents>.forEach(count: files.count, limits: limits) { index in
      var events = FileEvents()
      let file = files[index]
      let location = MessageLocation(format: .maildir, mailbox: mailbox, file: file)
      MessageFileHeader.read(path: file, in: folders, location: location) { events.append($0) }
      return (events, events.bytes)
    } _: { events in
      try events.forEach(body)
    }
  }
}

/// What reading one message file gave: nearly always one event, kept
/// without an array of its own.
struct FileEvents: Sendable {
  private var first: MailboxEvent?
  private var rest: [MailboxEvent] = []
  /// Header bytes held by the messages among the events.
  private(set) var bytes = 0

  mutating func append(_ event: MailboxEvent) {
    if case .message(let raw) = event { bytes += raw.header.count }
    if first == nil { first = event } else { rest.append(event) }
  }

  func forEach(_ body: (MailboxEvent) throws -> Void) rethrows {
    guard let first else { return }
    try body(first)
    for event in rest { try body(event) }
  }
}


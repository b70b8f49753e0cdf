import MailParsing

/// What `EXAMINE` told about a folder.
public struct IMAPFolderStatus: Sendable, Equatable {
  /// Changes when the server renumbers the folder: stored UIDs are then void.
  public var uidValidity: UInt32
  /// Messages in the folder.
  public var messageCount: Int
}

/// A logged-in, read-only session on one IMAP folder: the folder is opened
/// with `EXAMINE` and headers are fetched with `BODY.PEEK`, so no flag
/// (\Seen included) changes on the server.
public final class IMAPFolderSession {
  /// The header fields the audit reads; nothing else is fetched.
  public static let headerFields =
    "FROM TO CC BCC RESENT-TO RESENT-CC RESENT-BCC RESENT-FROM DATE SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES"

  /// The folder this session reads (see ``open(folder:)``).
  public internal(set) var address: IMAPFolderAddress
  let connection: IMAPConnection
  private var status: IMAPFolderStatus?

  /// Connects, secures the connection and logs in with a password.
  public convenience init(address: IMAPFolderAddress, password: String, options: IMAPConnectionOptions) throws {
    try self.init(address: address, credential: .password(password), options: options)
  }

  /// Connects, secures the connection and signs in: `LOGIN` with a
  /// password, `AUTHENTICATE` with a token.
  public init(address: IMAPFolderAddress, credential: IMAPCredential, options: IMAPConnectionOptions) throws {
    self.address = address
    connection = try IMAPConnection.open(address, options: options)
    do {
      switch credential {
      case .password(let password):
        let (result, text) = try connection.run(
          [.text("LOGIN "), Self.astring(address.user), .text(" "), Self.astring(password)], during: "LOGIN")
        guard result == .ok else {
          throw IMAPError.authenticationFailed(server: address.server, user: address.user, serverText: text)
        }
      case .token(let token, let mechanism):
        try connection.authenticate(
          user: address.user, token: token, mechanism: mechanism, host: address.host, port: address.port)
      case .master(let master, let password):
        try connection.authenticateAsMaster(master, password: password, for: address.user)
      }
    } catch {
      connection.close()
      throw error
    }
  }

  /// Opens the folder read-only.
  public func examine() throws -> IMAPFolderStatus {
    var uidValidity: UInt32?
    var count = 0
    let (result, text) = try connection.run(
      [.text("EXAMINE "), Self.astring(ModifiedUTF7.encode(address.folder))], during: "EXAMINE"
    ) { bytes in
      if let value = IMAPUntagged.uidValidity(bytes) { uidValidity = value }
      var cursor = IMAPCursor(bytes)
      if let n = cursor.number(), cursor.skip(" "), cursor.skipWord("EXISTS") { count = Int(clamping: n) }
    }
    guard result == .ok else {
      throw IMAPError.noSuchFolder(server: address.server, folder: address.folder, serverText: text)
    }
    guard let uidValidity else {
      throw IMAPError.protocolError(server: address.server, detail: "EXAMINE gave no UIDVALIDITY")
    }
    let opened = IMAPFolderStatus(uidValidity: uidValidity, messageCount: count)
    status = opened
    return opened
  }

  /// The UIDs above `uid`, ascending. (`n:*` also matches the highest UID
  /// when none is above n, RFC 3501 6.4.8, so the answer is filtered.)
  public func uids(after uid: UInt32) throws -> [UInt32] {
    guard uid < UInt32.max else { return [] }
    var found: [UInt32] = []
    let (result, text) = try connection.run([.text("UID SEARCH UID \(uid + 1):*")], during: "UID SEARCH") { bytes in
      if let numbers = IMAPUntagged.searchResults(bytes) { found += numbers }
    }
    guard result == .ok else {
      throw IMAPError.protocolError(server: address.server, detail: "UID SEARCH refused: \(text)")
    }
    return Array(Set(found.filter { $0 > uid })).sorted()
  }

  /// The header blocks of the messages with `uids`, as raw messages located
  /// by folder, UIDVALIDITY and UID. A message expunged meanwhile is simply
  /// absent; one whose headers could not be read becomes a problem.
  public func fetchHeaders(uids: [UInt32]) throws -> [MailboxEvent] {
    guard let status else {
      throw IMAPError.protocolError(server: address.server, detail: "fetch before EXAMINE")
    }
    guard !uids.isEmpty else { return [] }
    var fetched: [UInt32: IMAPFetchedMessage] = [:]
    let wanted = Set(uids)
    let (result, text) = try connection.run(
      [.text("UID FETCH \(Self.sequenceSet(uids)) (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (\(Self.headerFields))])")],
      during: "UID FETCH"
    ) { bytes in
      if let message = IMAPUntagged.fetched(bytes), wanted.contains(message.uid) {
        // A server may split one message's data over several responses.
        var merged = fetched[message.uid] ?? IMAPFetchedMessage(uid: message.uid)
        merged.size = message.size ?? merged.size
        merged.header = message.header ?? merged.header
        fetched[message.uid] = merged
      }
    }
    guard result == .ok else {
      throw IMAPError.protocolError(server: address.server, detail: "UID FETCH refused: \(text)")
    }
    var events: [MailboxEvent] = []
    for uid in uids.sorted() {
      guard let message = fetched[uid] else { continue }
      let location = MessageLocation.imap(
        folderURL: address.folderURL, uidValidity: status.uidValidity, uid: uid, size: message.size)
      guard let header = message.header else {
        events.append(
          .problem(
            Problem(kind: .missingHeaderBlock, file: location.file, detail: "the server sent no header fields")))
        continue
      }
      var fields = Self.trimmingBlankLine(header)
      let control = HeaderControlBytes.replace(in: &fields)
      events.append(.message(RawMessage(location: location, header: fields)))
      if let control { events.append(.problem(control.problem(file: location.file, offset: nil))) }
    }
    return events
  }

  /// The whole message with `uid`, exactly as the server holds it
  /// (`BODY.PEEK[]`, so it does not gain `\Seen`), or nil when the folder
  /// has no such UID (expunged).
  public func fetchMessage(uid: UInt32) throws -> [UInt8]? {
    guard status != nil else {
      throw IMAPError.protocolError(server: address.server, detail: "fetch before EXAMINE")
    }
    var body: [UInt8]?
    let (result, text) = try connection.run(
      [.text("UID FETCH \(uid) (UID BODY.PEEK[])")], during: "UID FETCH"
    ) { bytes in
      if let message = IMAPUntagged.fetched(bytes), message.uid == uid, let value = message.header {
        body = value
      }
    }
    guard result == .ok else {
      throw IMAPError.protocolError(server: address.server, detail: "UID FETCH refused: \(text)")
    }
    return body
  }

  /// Logs out and closes the connection.
  public func close() {
    _ = try? connection.run([.text("LOGOUT")], during: "LOGOUT")
    connection.close()
  }

  /// The fields end with the blank line that closes a header block; a raw
  /// message holds the block without it.
  static func trimmingBlankLine(_ header: [UInt8]) -> [UInt8] {
    var end = header.count
    while end > 0, header[end - 1] == UInt8(ascii: "\n") || header[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return Array(header[..<end])
  }

  /// `1:3,7,9:10` for [1, 2, 3, 7, 9, 10].
  static func sequenceSet(_ uids: [UInt32]) -> String {
    var ranges: [String] = []
    var start: UInt32?
    var previous: UInt32 = 0
    for uid in Set(uids).sorted() {
      if start != nil, uid == previous + 1 {
        previous = uid
        continue
      }
      if let s = start { ranges.append(s == previous ? "\(s)" : "\(s):\(previous)") }
      start = uid
      previous = uid
    }
    if let s = start { ranges.append(s == previous ? "\(s)" : "\(s):\(previous)") }
    return ranges.joined(separator: ",")
  }

  /// A quoted string when the text allows one, else a literal.
  static func astring(_ text: String) -> IMAPCommandPart {
    let bytes = Array(text.utf8)
    if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
      var quoted = "\""
      for scalar in text.unicodeScalars {
        if scalar == "\"" || scalar == "\\" { quoted += "\\" }
        quoted.unicodeScalars.append(scalar)
      }
      return .text(quoted + "\"")
    }
    return .literal(bytes)
  }
}

extension IMAPFetchedMessage {
  init(uid: UInt32) { self.init(uid: uid, size: nil, header: nil) }
}

/// A whole IMAP folder as a mailbox source, for callers without an index.
/// The scan driver reads folders incrementally instead (see `IMAPScan`).
public struct IMAPFolderSource: MailboxSource {
  /// The folder to read.
  public var address: IMAPFolderAddress
  /// What the session signs in with; never written anywhere.
  public var credential: IMAPCredential
  /// TLS or STARTTLS, the CA to trust, timeouts.
  public var options: IMAPConnectionOptions
  /// Messages asked for per `UID FETCH`.
  public var chunkSize: Int

  /// A source for the whole folder at `address`, signed in with `credential`.
  public init(
    address: IMAPFolderAddress, credential: IMAPCredential, options: IMAPConnectionOptions, chunkSize: Int = 500
  ) {
    self.address = address
    self.credential = credential
    self.options = options
    self.chunkSize = max(1, chunkSize)
  }

  /// The folder's URL, without password.
  public var mailbox: String { address.folderURL }

  /// Every message's header fields, oldest UID first.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let session = try IMAPFolderSession(address: address, credential: credential, options: options)
    defer { session.close() }
    _ = try session.examine()
    let uids = try session.uids(after: 0)
    var start = 0
    while start < uids.count {
      let chunk = Array(uids[start..<min(start + chunkSize, uids.count)])
      for event in try session.fetchHeaders(uids: chunk) { try body(event) }
      start += chunkSize
    }
  }
}

import Foundation

/// A folder as `LIST` names it.
public struct IMAPListedFolder: Sendable, Equatable {
  /// The name as the user sees it (modified UTF-7 decoded): `送信済みアイテム`.
  public var name: String
  /// The hierarchy delimiter (`/`, `.`), nil for a flat namespace.
  public var delimiter: Character?
  /// The attributes as sent (`\HasNoChildren`, `\Sent`).
  public var attributes: [String]

  public init(name: String, delimiter: Character?, attributes: [String]) {
    self.name = name
    self.delimiter = delimiter
    self.attributes = attributes
  }

  /// True when the folder carries `attribute`, compared without case (RFC 3501 atoms are case-insensitive).
  public func has(_ attribute: String) -> Bool {
    attributes.contains { $0.caseInsensitiveCompare(attribute) == .orderedSame }
  }

  /// The name's levels joined with `/`, whatever the server's delimiter:
  /// `INBOX.Sent` with `.` is `INBOX/Sent`.
  var path: String {
    guard let delimiter, delimiter != "/" else { return name }
    return name.split(separator: delimiter, omittingEmptySubsequences: false).joined(separator: "/")
  }
}

/// Which folder holds a user's sent mail, and how it was recognised.
public struct IMAPSentFolder: Sendable, Equatable {
  /// How the folder was recognised.
  public enum Reason: String, Sendable, Equatable {
    /// The server marks it `\Sent` (RFC 6154 SPECIAL-USE).
    case specialUse
    /// No folder is marked; its name is one mail programs give the Sent folder.
    case knownName
  }

  public var folder: IMAPListedFolder
  public var reason: Reason

  /// Names mail programs and servers give the Sent folder, levels joined
  /// with `/`, tried in this order when no folder is marked `\Sent`.
  public static let knownNames = [
    "Sent", "Sent Items", "Sent Messages", "Sent Mail", "INBOX/Sent", "INBOX/Sent Items", "INBOX/Sent Messages",
    "INBOX/Sent Mail", "[Gmail]/Sent Mail", "[Google Mail]/Sent Mail", "送信済みアイテム", "送信済みメール",
    "INBOX/送信済みアイテム", "Gesendet", "Gesendete Objekte", "Gesendete Elemente", "Envoyés",
    "Éléments envoyés", "Enviados", "Elementos enviados", "Posta inviata", "Verzonden items",
  ]

  /// The Sent folder among `folders`: the one marked `\Sent` (several: the
  /// first with a known name, else the first listed), else the first known
  /// name present (without case); nil when there is neither. Folders that
  /// cannot be opened (`\Noselect`, `\NonExistent`) are never chosen.
  public static func choose(from folders: [IMAPListedFolder]) -> IMAPSentFolder? {
    let openable = folders.filter { !$0.has("\\Noselect") && !$0.has("\\NonExistent") }
    let marked = openable.filter { $0.has("\\Sent") }
    if let folder = marked.first(where: { isKnownName($0) }) ?? marked.first {
      return IMAPSentFolder(folder: folder, reason: .specialUse)
    }
    for known in knownNames {
      if let folder = openable.first(where: { $0.path.caseInsensitiveCompare(known) == .orderedSame }) {
        return IMAPSentFolder(folder: folder, reason: .knownName)
      }
    }
    return nil
  }

  private static func isKnownName(_ folder: IMAPListedFolder) -> Bool {
    knownNames.contains { folder.path.caseInsensitiveCompare($0) == .orderedSame }
  }
}

extension IMAPFolderAddress {
  /// An address for `user` on `server` (`imap://host[:port]` as given, no
  /// user, no folder). Its `folderURL` is the one `init(url:)` gives for
  /// `imap://user@host[:port]/folder`, so a folder keeps one identity
  /// whether it was named or found.
  public init(user: String, server: IMAPServerAddress, folder: String) throws {
    let encodedUser = user.addingPercentEncoding(withAllowedCharacters: Self.userAllowed) ?? user
    try self.init(url: "imap://\(encodedUser)@\(server.hostPart)/\(Self.encodedPath(folder))", startTLS: server.startTLS)
  }

  /// The same user and server, another folder.
  func with(folder: String) throws -> IMAPFolderAddress {
    guard let end = folderURL.dropFirst("imap://".count).firstIndex(of: "/") else { throw IMAPError.badURL(folderURL) }
    var copy = self
    copy.folder = folder
    copy.folderURL = String(folderURL[..<end]) + "/" + Self.encodedPath(folder)
    return copy
  }

  /// Percent-encoding of a folder name in a URL path (`/` kept: it is the
  /// hierarchy delimiter as written in an `imap://` address), except a
  /// leading `/`, which `init(url:)` would drop.
  static func encodedPath(_ folder: String) -> String {
    let encoded = folder.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? folder
    let slashes = encoded.prefix { $0 == "/" }.count
    return String(repeating: "%2F", count: slashes) + encoded.dropFirst(slashes)
  }

  private static let userAllowed = CharacterSet.urlUserAllowed.subtracting(CharacterSet(charactersIn: ";:@"))
  private static let pathAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: ";?#"))
}

/// An IMAP server named for many users: `imap://host[:port]`, no user (each
/// comes from the user list), and at most a folder that overrides the
/// Sent-folder search for every user.
public struct IMAPServerAddress: Sendable, Hashable {
  /// `host[:port]` as written.
  public var hostPart: String
  /// The folder every user's mail is read from; nil: found per user.
  public var folder: String?
  /// STARTTLS picks port 143 as the default.
  public var startTLS: Bool

  /// Reads `imap://host[:port][/Folder]`.
  public init(url text: String, startTLS: Bool = false) throws {
    guard IMAPFolderAddress.isIMAPURL(text), let components = URLComponents(string: text),
      let host = components.host, !host.isEmpty
    else { throw IMAPError.badURL(IMAPFolderAddress.redacted(text)) }
    guard components.user == nil, components.password == nil else {
      throw IMAPError.badURL(IMAPFolderAddress.redacted(text) + ": with a user list the address names the server only (imap://host[:port])")
    }
    if let port = components.port, !(1...65535).contains(port) { throw IMAPError.badURL(text + ": bad port") }
    let rest = text.dropFirst("imap://".count)
    hostPart = String(rest.prefix { $0 != "/" })
    let folder = String(components.path.drop { $0 == "/" })
    self.folder = folder.isEmpty ? nil : folder
    self.startTLS = startTLS
  }
}

extension IMAPUntagged {
  /// `LIST (\HasNoChildren \Sent) "/" "Sent"` gives the folder; nil for any
  /// other response. Extended data after the name (RFC 5258) is ignored.
  static func listed(_ bytes: [UInt8]) -> IMAPListedFolder? {
    var cursor = IMAPCursor(bytes)
    guard cursor.skipWord("LIST"), cursor.skip(" "), cursor.skip("(") else { return nil }
    var attributes: [String] = []
    while !cursor.skip(")") {
      if cursor.skip(" ") { continue }
      guard let attribute = cursor.atom() else { return nil }
      attributes.append(attribute)
    }
    guard cursor.skip(" "), let delimiter = cursor.nstring(), cursor.skip(" ") else { return nil }
    let raw: String
    if cursor.peek == UInt8(ascii: "\"") || cursor.peek == UInt8(ascii: "{") {
      guard let name = cursor.nstring() else { return nil }
      raw = String(decoding: name, as: UTF8.self)
    } else {
      guard let name = cursor.atom() else { return nil }
      raw = name
    }
    return IMAPListedFolder(
      name: ModifiedUTF7.decode(raw) ?? raw,
      delimiter: delimiter.count == 1 ? Character(Unicode.Scalar(delimiter[0])) : nil, attributes: attributes)
  }
}

extension ModifiedUTF7 {
  /// The name a server sent (RFC 3501 5.1.3); nil when it is not valid
  /// modified UTF-7, so the caller can keep it as sent.
  static func decode(_ text: String) -> String? {
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      guard let end = rest[amp...].firstIndex(of: "-") else { return nil }
      let encoded = rest[rest.index(after: amp)..<end]
      rest = rest[rest.index(after: end)...]
      if encoded.isEmpty {
        out += "&"
        continue
      }
      var base64 = encoded.replacingOccurrences(of: ",", with: "/")
      base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
      guard let data = Data(base64Encoded: base64), data.count % 2 == 0 else { return nil }
      let units = stride(from: 0, to: data.count, by: 2).map { UInt16(data[$0]) << 8 | UInt16(data[$0 + 1]) }
      guard let decoded = String(validatingUTF16: units) else { return nil }
      out += decoded
    }
    return out + rest
  }
}

extension String {
  /// Text from UTF-16 code units; nil for unpaired surrogates.
  fileprivate init?(validatingUTF16 units: [UInt16]) {
    var scalars = String.UnicodeScalarView()
    for result in UTF16.decode(units) {
      guard let scalar = result else { return nil }
      scalars.append(scalar)
    }
    self.init(scalars)
  }
}

extension UTF16 {
  /// Each scalar of `units`, nil for an unpaired surrogate.
  fileprivate static func decode(_ units: [UInt16]) -> [Unicode.Scalar?] {
    var iterator = units.makeIterator()
    var decoder = UTF16()
    var out: [Unicode.Scalar?] = []
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): out.append(scalar)
      case .error: out.append(nil)
      case .emptyInput: break loop
      }
    }
    return out
  }
}

import Foundation

/// Which IMAP folder to read: `imap://user[;AUTH=mech]@host[:port]/Folder`,
/// with the folder name and user percent-decoded (RFC 5092).
public struct IMAPFolderAddress: Sendable, Hashable {
  /// The login name, percent-decoded.
  public var user: String
  /// The server's name or address (IPv6 without brackets).
  public var host: String
  /// The port given, else 993 (implicit TLS) or 143 (STARTTLS).
  public var port: Int
  /// The folder's name as the user sees it (`Sent`, `Gesendete Objekte`).
  public var folder: String
  /// The address as given, without a password and without `;AUTH=`: the
  /// mailbox every location and problem of this folder names, so the same
  /// folder keeps its identity (and its incremental state) whichever way
  /// it is signed in to.
  public var folderURL: String
  /// How the address asks to sign in (`;AUTH=XOAUTH2`); nil when it does
  /// not say, or says `;AUTH=*` (any way the client chooses).
  public var authMethod: IMAPAuthMethod?

  /// True for text that names an IMAP folder rather than a path.
  public static func isIMAPURL(_ text: String) -> Bool {
    text.lowercased().hasPrefix("imap://")
  }

  /// Reads `imap://user@host[:port]/Folder`; `startTLS` picks the default port.
  public init(url text: String, startTLS: Bool = false) throws {
    guard Self.isIMAPURL(text), let components = URLComponents(string: text),
      let host = components.host, !host.isEmpty
    else { throw IMAPError.badURL(Self.redacted(text)) }
    guard components.password == nil else {
      throw IMAPError.badURL("a password in the address is refused; use MAILAUDIT_IMAP_PASSWORD or the prompt")
    }
    // RFC 5092 iuserinfo: enc-user [";AUTH=" ("*" / enc-auth-type)].
    var encodedUser = components.percentEncodedUser ?? ""
    var authMethod: IMAPAuthMethod?
    if let auth = encodedUser.range(of: ";AUTH=", options: .caseInsensitive) {
      let name = String(encodedUser[auth.upperBound...]).removingPercentEncoding ?? ""
      encodedUser = String(encodedUser[..<auth.lowerBound])
      switch name.uppercased() {
      case "*": authMethod = nil
      case SASLMechanism.xoauth2.rawValue: authMethod = .xoauth2
      case SASLMechanism.oauthBearer.rawValue: authMethod = .oauthbearer
      default:
        throw IMAPError.badURL(text + ": ;AUTH=\(name) is not a sign-in mailaudit knows (XOAUTH2, OAUTHBEARER or *)")
      }
    }
    guard let user = encodedUser.removingPercentEncoding, !user.isEmpty else {
      throw IMAPError.badURL(text + ": no user name before @")
    }
    // Slashes dropped before decoding, so a folder whose name starts with
    // `/` (written `%2F`, see `encodedPath`) keeps it.
    let encodedFolder = components.percentEncodedPath.drop(while: { $0 == "/" })
    let folder = encodedFolder.removingPercentEncoding ?? String(encodedFolder)
    guard !folder.isEmpty else { throw IMAPError.badURL(text + ": no folder (such as /Sent)") }
    if let port = components.port, !(1...65535).contains(port) { throw IMAPError.badURL(text + ": bad port") }
    self.user = user
    self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    self.port = components.port ?? (startTLS ? 143 : 993)
    self.folder = folder
    self.authMethod = authMethod
    var hostPart = text.dropFirst("imap://".count).split(separator: "/", maxSplits: 1).first.map(String.init) ?? host
    if let at = hostPart.lastIndex(of: "@"),
      let auth = hostPart[..<at].range(of: ";AUTH=", options: .caseInsensitive)
    {
      hostPart.removeSubrange(auth.lowerBound..<at)
    }
    let path = components.percentEncodedPath
    self.folderURL = "imap://" + hostPart + path
  }

  /// `text` as an error may show it: a password after `user:` left out,
  /// read from the text itself, since an address too broken to parse
  /// (`imaps://`, a space) is shown too. Read as UTF-8 bytes: `//` followed
  /// by a combining mark is no `//` to Character comparison.
  static func redacted(_ text: String) -> String {
    let bytes = Array(text.utf8)
    guard let slashes = bytes.indices.dropLast().first(where: { bytes[$0] == 0x2F && bytes[$0 + 1] == 0x2F })
    else { return text }
    let start = slashes + 2
    let end = bytes[start...].firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? bytes.endIndex
    guard let at = bytes[start..<end].lastIndex(of: 0x40), let colon = bytes[start..<at].firstIndex(of: 0x3A)
    else { return text }
    return String(decoding: bytes[..<colon] + bytes[at...], as: UTF8.self)
  }

  /// `user@host:port`: whose mail it is, for the incremental state.
  public var account: String { "\(user)@\(host):\(port)" }

  /// `host:port`, for error messages.
  public var server: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// IMAP's modified UTF-7 for folder names (RFC 3501 section 5.1.3): ASCII
/// as is (`&` as `&-`), other text as base64 of UTF-16 with `,` for `/`.
enum ModifiedUTF7 {
  static func encode(_ name: String) -> String {
    var out = ""
    var pending: [UInt16] = []
    func flush() {
      guard !pending.isEmpty else { return }
      var bytes: [UInt8] = []
      for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
      let base64 = Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "/", with: ",")
      out += "&" + base64 + "-"
      pending.removeAll()
    }
    for scalar in name.unicodeScalars {
      if scalar.value >= 0x20 && scalar.value <= 0x7E {
        flush()
        out += scalar == "&" ? "&-" : String(scalar)
      } else {
        pending += Array(String(scalar).utf16)
      }
    }
    flush()
    return out
  }
}

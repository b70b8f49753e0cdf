import Foundation

// Kept apart from IMAPSpecialUse.swift, which parses LIST responses without
// a connection, so Fuzz/ can compile that parsing without NIO.
extension IMAPFolderSession {
  /// Every folder of the signed-in user, with its attributes. Asks for the
  /// special-use attributes (`RETURN (SPECIAL-USE)`, RFC 6154 and 5258)
  /// when the server offers SPECIAL-USE and LIST-EXTENDED, else a plain
  /// `LIST`, which servers such as Dovecot also mark.
  public func listFolders() throws -> [IMAPListedFolder] {
    // The greeting's capabilities are those before login; SPECIAL-USE is
    // announced after it, so they are asked again.
    var capabilities: Set<String> = []
    let (asked, askedText) = try connection.run([.text("CAPABILITY")], during: "CAPABILITY") { bytes in
      if let listed = IMAPUntagged.capabilities(bytes) { capabilities.formUnion(listed) }
    }
    guard asked == .ok else {
      throw IMAPError.protocolError(server: address.server, detail: "CAPABILITY refused: \(askedText)")
    }
    let extended = capabilities.contains("SPECIAL-USE") && capabilities.contains("LIST-EXTENDED")
    var folders: [IMAPListedFolder] = []
    let (result, text) = try connection.run(
      [.text(extended ? "LIST \"\" \"*\" RETURN (SPECIAL-USE)" : "LIST \"\" \"*\"")], during: "LIST"
    ) { bytes in
      if let folder = IMAPUntagged.listed(bytes) { folders.append(folder) }
    }
    guard result == .ok else { throw IMAPError.protocolError(server: address.server, detail: "LIST refused: \(text)") }
    return folders
  }

  /// The user's Sent folder (see ``IMAPSentFolder/choose(from:)``), or nil.
  public func sentFolder() throws -> IMAPSentFolder? {
    IMAPSentFolder.choose(from: try listFolders())
  }

  /// Makes `folder` the one ``examine()`` opens, on the same signed-in
  /// connection: a folder found by ``sentFolder()`` is read without a
  /// second login.
  public func use(folder: String) throws {
    address = try address.with(folder: folder)
  }
}

/// Reads an Outlook `.pst` or `.ost` store: by default the messages of its
/// Sent Items folder, each as the header block ``OutlookMessage`` writes.
///
/// Sent Items is the folder the store's `PidTagIpmSentMailEntryId` names,
/// whatever its (localised) display name. A store that names none (the
/// cached Exchange stores, `.ost`) falls back to the well-known names of
/// Sent Items, and says so in a ``Problem/Kind/storeNotice``.
///
/// Items that are not mail (contacts, appointments, tasks, notes: see
/// ``OutlookMessage/nonMailClasses``) are passed over even in a mail folder.
///
/// The store is read message by message through `pread`: memory stays flat
/// whatever the file's size. A page, block or structure that does not
/// parse is a located ``Problem/Kind/damagedRegion`` (its file offset and
/// the folder or message it belonged to) and reading goes on with the next
/// message or folder. A password on a PST is noted and ignored: it
/// encrypts nothing.
public struct PSTReader: MailboxSource {
  /// Which folders are read.
  public enum FolderSelection: Sendable, Equatable {
    /// Only Sent Items.
    case sentItems
    /// Every mail folder (`IPF.Note` or no container class) from the
    /// store's top of mail folders (`PidTagIpmSubtreeEntryId`) down, or of
    /// the whole hierarchy when the store names no top; search folders are
    /// not folders of mail.
    case allMailFolders
  }

  /// The `.pst`/`.ost` file.
  public let path: String
  public let folders: FolderSelection
  public var mailbox: String { path }

  public init(path: String, folders: FolderSelection = .sentItems) {
    self.path = path
    self.folders = folders
  }

  /// Sent Items' display names in the languages Outlook ships most, for
  /// stores that do not name the folder by entry ID.
  static let sentItemsNames: Set<String> = [
    "Sent Items", "Sent Mail", "Sent", "送信済みアイテム", "Gesendete Elemente", "Éléments envoyés", "Elementos enviados",
    "Posta inviata", "Verzonden items", "Itens Enviados", "Itens enviados", "Отправленные", "已发送邮件", "寄件備份",
    "보낸 편지함", "Skickat", "Sendte elementer", "Sendt post", "Lähetetyt", "Elementy wysłane", "Odeslaná pošta",
  ]

  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let source: PSTFileSource
    do {
      source = try PSTFileSource(path: path)
    } catch {
      try body(.problem(Problem(kind: .unreadableFile, file: path, detail: "\(error)")))
      return
    }
    try Self.read(source: source, path: path, folders: folders, body)
  }

  /// Reads the store in `source` (a file or, for fuzzing, memory) as the
  /// file at `path`.
  public static func read(
    source: any PSTByteSource, path: String, folders selection: FolderSelection,
    _ body: (MailboxEvent) throws -> Void
  ) throws {
    func problem(_ error: Error, _ context: String) throws {
      let located = error as? PSTError
      try body(.problem(Problem(
        kind: .damagedRegion, file: path, offset: located?.offset, detail: context + ": \(error)")))
    }
    func notice(_ text: String) throws {
      try body(.problem(Problem(kind: .storeNotice, file: path, detail: text)))
    }
    let store: PSTStore
    do {
      store = try PSTStore(source: source)
    } catch {
      try problem(error, "not readable as an Outlook store")
      return
    }
    if !store.database.header.checksumValid {
      try body(.problem(Problem(
        kind: .damagedRegion, file: path, offset: 4, detail: "the header's checksum does not match; read anyway")))
    }
    var info = PSTStore.StoreInfo(hasPassword: false)
    do {
      info = try store.storeInfo()
    } catch {
      try problem(error, "message store (node 0x21)")
    }
    if info.hasPassword {
      try notice("password-protected PST (PidTagPstPassword set): read anyway, the password encrypts nothing")
    }
    let hierarchy = store.folders()
    for error in hierarchy.errors { try problem(error, "folder hierarchy") }

    var chosen: [PSTFolder] = []
    switch selection {
    case .sentItems:
      if let sent = info.sentItemsNID {
        if let folder = hierarchy.folders.first(where: { $0.nid == sent }) {
          chosen = [folder]
        } else {
          do {
            chosen = [try store.folder(sent, parentPath: "")]
          } catch {
            try problem(error, "Sent Items folder \(hex(sent))")
          }
        }
      } else if let byName = hierarchy.folders.first(where: { !$0.isSearchFolder && sentItemsNames.contains($0.name) }) {
        chosen = [byName]
        try notice("the store does not name its Sent Items folder; read \(byName.path) by its name")
      } else {
        try notice("the store has no Sent Items folder; --all-folders reads every mail folder")
      }
    case .allMailFolders:
      let subtree = info.subtreeNID.flatMap { top in hierarchy.folders.contains { $0.nid == top } ? top : nil }
      let parents = Dictionary(hierarchy.folders.map { ($0.nid, $0.parentNID) }, uniquingKeysWith: { first, _ in first })
      func isBelowSubtree(_ folder: PSTFolder) -> Bool {
        guard let subtree else { return true }
        if folder.nid == subtree { return true }
        var current = folder.parentNID
        for _ in 0..<PSTStore.maxFolderDepth {
          if current == subtree { return true }
          guard let next = parents[current] else { return false }
          current = next
        }
        return false
      }
      chosen = hierarchy.folders.filter { $0.holdsMail && !$0.isSearchFolder && isBelowSubtree($0) }
    }

    for folder in chosen {
      let messages: [UInt32]
      do {
        messages = try store.messageNIDs(in: folder.nid)
      } catch {
        try problem(error, "contents of folder \(folder.path)")
        continue
      }
      for nid in messages {
        let message: OutlookMessage
        do {
          message = try store.message(nid)
        } catch {
          try problem(error, "message \(hex(nid)) in \(folder.path)")
          continue
        }
        // A contact or appointment kept among mail is nobody's sent message.
        guard message.isMail else { continue }
        let location = MessageLocation(
          format: .pst, mailbox: path, file: path, offset: UInt64(nid), folder: folder.path)
        var header = message.headerBlock()
        let truncated = header.count > MailboxLimits.maxHeaderBytes
        if truncated { header.removeLast(header.count - MailboxLimits.maxHeaderBytes) }
        try body(.message(RawMessage(location: location, header: header, headerTruncated: truncated, labels: message.labels)))
      }
    }
  }
}

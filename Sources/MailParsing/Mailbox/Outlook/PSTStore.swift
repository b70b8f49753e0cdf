/// A folder of a `.pst`/`.ost` store.
public struct PSTFolder: Sendable, Equatable {
  /// The folder's node ID.
  public var nid: UInt32
  /// `PidTagDisplayName`.
  public var name: String
  /// Display names from below the root folder down to this one, joined by
  /// `/` (`Top of Personal Folders/Sent Items`).
  public var path: String
  /// `PidTagContainerClass` (`IPF.Note`, `IPF.Appointment`...), if set.
  public var containerClass: String?
  /// The folder it sits in (the root folder's NID for a top folder).
  public var parentNID: UInt32 = 0

  /// A search folder (NID type 0x03): a saved query over other folders,
  /// whose rows are other folders' messages.
  public var isSearchFolder: Bool { nid & 0x1F == 0x03 }

  /// A folder of mail: `IPF.Note` (and its subclasses) or no container
  /// class (a folder made by hand in old stores, the root's own folders).
  public var holdsMail: Bool {
    guard let containerClass, !containerClass.isEmpty else { return true }
    return containerClass == "IPF.Note" || containerClass.hasPrefix("IPF.Note.")
  }
}

/// The messaging layer ([MS-PST] 2.4) over a ``NodeDatabase``: the message
/// store, the folder hierarchy, folders' contents and messages.
public struct PSTStore {
  public let database: NodeDatabase

  /// NID of the message store's property context.
  static let storeNID: UInt32 = 0x21
  /// NID of the root folder.
  static let rootFolderNID: UInt32 = 0x122
  /// NID of a message's recipient table subnode.
  static let recipientTableNID: UInt32 = 0x692
  /// Folders deeper than this are not followed (a hierarchy loop).
  static let maxFolderDepth = 64

  public init(source: any PSTByteSource) throws {
    database = try NodeDatabase(source: source)
  }

  // MARK: Nodes as heaps

  /// The node `nid`, or a located error when the node B-tree lacks it.
  func requireNode(_ nid: UInt32) throws -> PSTNode {
    guard let node = try database.node(nid) else {
      throw PSTError.missing(offset: database.header.nodeRoot, detail: "node \(hex(nid)) is not in the node B-tree")
    }
    return node
  }

  /// The heap of node data `dataBID`, with the subnode reader of the node
  /// whose subnode tree is `subnodeBID`.
  func heap(dataBID: UInt64, subnodeBID: UInt64) throws -> (HeapOnNode, PSTSubnodeData) {
    let offset = try database.blockLocation(dataBID)?.offset ?? 0
    let heap = try HeapOnNode(blocks: database.dataBlocks(dataBID), offset: offset)
    return (heap, subnodeReader(subnodeBID))
  }

  /// Reads a subnode's data by NID from the subnode tree `subnodeBID`,
  /// loading that (small) tree on first use.
  func subnodeReader(_ subnodeBID: UInt64) -> PSTSubnodeData {
    let database = self.database
    let cache = SubnodeCache()
    return { nid, body in
      if cache.entries == nil { cache.entries = try database.subnodes(subnodeBID) }
      guard let entry = cache.entries?[nid] else { return false }
      try database.forEachDataBlock(entry.dataBID, body)
      return true
    }
  }

  /// The property context of node `nid`.
  public func propertyContext(_ nid: UInt32) throws -> PropertyContext {
    let node = try requireNode(nid)
    let (heap, subnode) = try heap(dataBID: node.dataBID, subnodeBID: node.subnodeBID)
    return try PropertyContext(heap: heap, subnode: subnode)
  }

  /// The table context of node `nid`.
  public func tableContext(_ nid: UInt32) throws -> TableContext {
    let node = try requireNode(nid)
    let (heap, subnode) = try heap(dataBID: node.dataBID, subnodeBID: node.subnodeBID)
    return try TableContext(heap: heap, subnode: subnode)
  }

  // MARK: The message store

  /// What the message store's property context says about the store.
  public struct StoreInfo: Sendable, Equatable {
    /// The Sent Items folder named by `PidTagIpmSentMailEntryId`.
    public var sentItemsNID: UInt32?
    /// The top of the mail folders, `PidTagIpmSubtreeEntryId`.
    public var subtreeNID: UInt32?
    /// Deleted Items, `PidTagIpmWastebasketEntryId`.
    public var deletedItemsNID: UInt32?
    /// `PidTagPstPassword` is set: Outlook asks for a password (which
    /// protects nothing: the data is not encrypted with it).
    public var hasPassword: Bool
    /// `PidTagDisplayName` of the store.
    public var name: String?
  }

  /// Reads the message store (NID 0x21).
  public func storeInfo() throws -> StoreInfo {
    let store = try propertyContext(Self.storeNID)
    // A PST EntryID: 4 flag bytes, the store's 16-byte UID, then the NID.
    func folderNID(_ id: UInt16) throws -> UInt32? {
      guard let entry = try store.value(id), entry.bytes.count == 24 else { return nil }
      return entry.bytes.le32(20)
    }
    // An OST keeps 0xFFFFFFFF here; only a PST has a password.
    let password = database.header.isOST ? 0 : try store.value(0x67FF)?.integer ?? 0
    let name = try store.value(0x3001)?.string(codePage: nil)
    return StoreInfo(
      sentItemsNID: try folderNID(0x35E4), subtreeNID: try folderNID(0x35E0), deletedItemsNID: try folderNID(0x35E3),
      hasPassword: password != 0, name: name)
  }

  // MARK: Folders

  /// The folder `nid` read from its property context, with `path`.
  public func folder(_ nid: UInt32, parentPath: String?) throws -> PSTFolder {
    let properties = try propertyContext(nid)
    let name = try properties.value(0x3001)?.string(codePage: nil) ?? ""
    let containerClass = try properties.value(0x3613)?.string(codePage: nil)
    let path = parentPath.map { $0.isEmpty ? name : $0 + "/" + name } ?? ""
    return PSTFolder(nid: nid, name: name, path: path, containerClass: containerClass)
  }

  /// Every folder below the root, depth first in hierarchy-table order, and
  /// the errors met (a folder whose hierarchy cannot be read is listed, its
  /// subfolders are not).
  public func folders() -> (folders: [PSTFolder], errors: [PSTError]) {
    var found: [PSTFolder] = []
    var errors: [PSTError] = []
    var seen: Set<UInt32> = [Self.rootFolderNID]
    func visit(_ parent: UInt32, path: String?, depth: Int) {
      guard depth < Self.maxFolderDepth else { return }
      let children: [UInt32]
      do {
        children = try childFolders(parent)
      } catch let error as PSTError {
        errors.append(error)
        return
      } catch {
        return
      }
      for child in children where seen.insert(child).inserted {
        do {
          var folder = try folder(child, parentPath: path ?? "")
          folder.parentNID = parent
          found.append(folder)
          visit(child, path: folder.path, depth: depth + 1)
        } catch let error as PSTError {
          errors.append(error)
        } catch {}
      }
    }
    visit(Self.rootFolderNID, path: nil, depth: 0)
    return (found, errors)
  }

  /// The NIDs of a folder's subfolders, from its hierarchy table
  /// (NID type 0x0D); none when it has no table.
  func childFolders(_ folder: UInt32) throws -> [UInt32] {
    let tableNID = (folder & ~0x1F) | 0x0D
    guard try database.node(tableNID) != nil else { return [] }
    var children: [UInt32] = []
    try tableContext(tableNID).forEachRow { row in
      if let nid = try row.value(0x67F2)?.integer { children.append(UInt32(truncatingIfNeeded: nid)) }
    }
    return children
  }

  /// The NIDs of a folder's messages, from its contents table (NID type
  /// 0x0E), in table order.
  public func messageNIDs(in folder: UInt32) throws -> [UInt32] {
    let tableNID = (folder & ~0x1F) | 0x0E
    guard try database.node(tableNID) != nil else { return [] }
    var messages: [UInt32] = []
    try tableContext(tableNID).forEachRow { row in
      if let nid = try row.value(0x67F2)?.integer { messages.append(UInt32(truncatingIfNeeded: nid)) }
    }
    return messages
  }

  // MARK: Messages

  /// Reads message `nid`: its properties and recipient table.
  public func message(_ nid: UInt32) throws -> OutlookMessage {
    let node = try requireNode(nid)
    let (heap, subnode) = try heap(dataBID: node.dataBID, subnodeBID: node.subnodeBID)
    let properties = try PropertyContext(heap: heap, subnode: subnode)
    let codePage = try (properties.value(0x3FFD) ?? properties.value(0x3FDE))?.integer.map { UInt32(truncatingIfNeeded: $0) }
    func text(_ id: UInt16) throws -> String? {
      guard let value = try properties.value(id)?.string(codePage: codePage), !value.isEmpty else { return nil }
      return value
    }
    var message = OutlookMessage()
    message.subject = try text(0x0037)
    message.messageID = try text(0x1035)
    message.inReplyTo = try text(0x1042)
    message.references = try text(0x1039)
    message.submitTime = try (properties.value(0x0039) ?? properties.value(0x0E06) ?? properties.value(0x3007))?.integer
    message.unsent = (try properties.value(0x0E07)?.integer ?? 0) & 0x8 != 0
    message.transportHeaders = try text(0x007D)
    message.messageClass = try text(0x001A)
    message.sender = try sender(text)
    message.recipients = try recipients(subnodeBID: node.subnodeBID, codePage: codePage)
    return message
  }

  /// The sender, else the one the message was sent on behalf of.
  private func sender(_ text: (UInt16) throws -> String?) throws -> OutlookMessage.Party? {
    for (smtp, email, type, name) in [(0x5D01, 0x0C1F, 0x0C1E, 0x0C1A), (0x5D02, 0x0065, 0x0064, 0x0042)] as [(UInt16, UInt16, UInt16, UInt16)] {
      let address = try text(smtp) ?? text(email)
      let displayName = try text(name)
      if address != nil || displayName != nil {
        return OutlookMessage.Party(kind: .to, displayName: displayName, address: address, addressType: try text(type))
      }
    }
    return nil
  }

  /// The recipient table (subnode 0x692), in row order; rows of no known
  /// type (`PidTagRecipientType & 3` of 0) are left out.
  func recipients(subnodeBID: UInt64, codePage: UInt32?) throws -> [OutlookMessage.Party] {
    guard subnodeBID != 0 else { return [] }
    let subnodes = try database.subnodes(subnodeBID)
    guard let table = subnodes[Self.recipientTableNID] else { return [] }
    let (heap, subnode) = try heap(dataBID: table.dataBID, subnodeBID: table.subnodeBID)
    var parties: [OutlookMessage.Party] = []
    try TableContext(heap: heap, subnode: subnode).forEachRow { row in
      func text(_ id: UInt16) throws -> String? {
        guard let value = try row.value(id)?.string(codePage: codePage), !value.isEmpty else { return nil }
        return value
      }
      let type = Int(try row.value(0x0C15)?.integer ?? 1) & 3
      guard let kind = OutlookMessage.RecipientKind(rawValue: type) else { return }
      let addressType = try text(0x3002)
      let smtp = try text(0x39FE), email = try text(0x3003)
      let address = addressType?.uppercased() == "EX" ? (smtp ?? email) : (email ?? smtp)
      parties.append(OutlookMessage.Party(kind: kind, displayName: try text(0x3001), address: address, addressType: addressType))
    }
    return parties
  }
}

/// The subnode tree of one node, read once when first needed.
private final class SubnodeCache {
  var entries: [UInt32: PSTSubnode]?
}

/// `0x122` style, for messages.
func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }

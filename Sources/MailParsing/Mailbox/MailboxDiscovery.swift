import Glibc

/// Finds the mailboxes under a path the user named: mbox files, Maildirs
/// (with their Maildir++ subfolders), single message files whatever their
/// name, gzip files holding an mbox or a message, Apple Mail's `.emlx`
/// files and `.mbox` folders, and Outlook `.msg` files.
///
/// Files are told apart by their first bytes, not their names. Apple Mail
/// keeps each mailbox as a folder `Name.mbox`: in `~/Library/Mail/V*/` it
/// holds `.emlx` files under `…/Messages/`; exported, it holds one file
/// named `mbox`. Either way the `.mbox` folder is the mailbox named in
/// locations. `.emlxpart` files (attachments Mail keeps apart) are skipped.
///
/// Folders are walked in sorted order, so two runs list the same sources in
/// the same order. Hidden entries, mail-client index files and folders
/// marked `.noindex` are skipped; symbolic links are followed, but a folder
/// is never visited twice, so link loops end.
public enum MailboxDiscovery {
  /// Index and state files mail programs keep beside the mail, by the name
  /// they are counted under: Dovecot's, Courier's, Maildir++'s.
  static let indexFilePrefixes = [
    "dovecot.index", "dovecot.list.index", "dovecot-uidlist", "dovecot-keywords", "dovecot-uidvalidity",
    "dovecot.mailbox.log", "courierimapuiddb", "courierimapkeywords", "courierimapacl", "maildirfolder",
    "maildirsize",
  ]
  /// Thunderbird keeps an index, `Sent.msf`, beside each mbox.
  static let indexFileSuffixes = [".msf"]
  /// Files mail programs and the Finder keep in mail folders, by exact name.
  static let metadataNames = [".DS_Store", "Info.plist", ".mboxCache.plist", "subscriptions", "msgFilterRules.dat"]
  /// A file that marks a folder as not to be indexed (mu's convention).
  static let noIndexMarker = ".noindex"
  /// Apple Mail's attachment files beside a `.partial.emlx`: parts, not messages.
  static let attachmentPartSuffix = ".emlxpart"
  /// The suffix of Apple Mail's mailbox folders, live or exported.
  static let appleMailboxSuffix = ".mbox"

  /// The mailboxes at `path`, and problems for what could not be read.
  ///
  /// A file named directly that is neither an mbox nor a message is a
  /// `.notAMessage` problem; such a file met while walking a folder (a
  /// README, a client's settings) is skipped quietly.
  ///
  /// `outlookFolders` says which folders of an Outlook `.pst`/`.ost` store
  /// are read (Sent Items by default).
  public static func sources(
    at path: String, outlookFolders: PSTReader.FolderSelection = .sentItems
  ) -> (sources: [any MailboxSource], problems: [Problem], skipped: [SkippedFile]) {
    var walk = DiscoveryWalk()
    walk.outlookFolders = outlookFolders
    switch DirectoryListing.kind(of: path) {
    case .failure(let failure):
      walk.problems.append(Problem(kind: .unreadableFile, file: path, detail: failure.description))
    case .success(let found):
      switch found.kind {
      case .directory:
        walk.visit(folder: path, appleMailbox: MailboxDiscovery.appleMailbox(path, inside: nil))
      case .file:
        walk.visit(file: path, namedByUser: true, appleMailbox: nil)
      case .other:
        walk.problems.append(Problem(
          kind: .notAMessage, file: path, detail: "neither a regular file nor a folder"))
      }
    }
    return (walk.sources, walk.problems, walk.skipped)
  }

  /// True for the index files mail programs keep beside mailboxes.
  static func isIndexFile(_ name: String) -> Bool {
    knownMetadata(name) != nil
  }

  /// The name a mail program's or the system's own file is counted under
  /// when skipped (`dovecot.index` for `dovecot.index.cache`), or nil for
  /// any other name.
  public static func knownMetadata(_ name: String) -> String? {
    if let prefix = indexFilePrefixes.first(where: { name.hasPrefix($0) }) { return prefix }
    if let suffix = indexFileSuffixes.first(where: { name.hasSuffix($0) }) { return "Thunderbird " + suffix }
    if metadataNames.contains(name) { return name }
    return nil
  }

  /// The Apple Mail mailbox a folder belongs to: the folder itself when its
  /// name ends in `.mbox` (innermost wins for nested mailboxes), else the
  /// one it sits in.
  static func appleMailbox(_ folder: String, inside enclosing: String?) -> String? {
    let name = folder.split(separator: "/").last.map(String.init) ?? folder
    return name.lowercased().hasSuffix(appleMailboxSuffix) ? folder : enclosing
  }

  /// True when `path` holds `cur/` or `new/`. Both belong to a Maildir, but
  /// copies made with tools that drop empty folders (git) keep only one.
  static func isMaildir(_ path: String) -> Bool {
    MaildirReader.messageFolders.contains { DirectoryListing.isDirectory(path + "/" + $0) }
  }
}

/// The state of one discovery: what was found so far and where it has been.
private struct DiscoveryWalk {
  var sources: [any MailboxSource] = []
  var problems: [Problem] = []
  var skipped: [SkippedFile] = []
  var visited: Set<FileIdentity> = []
  var outlookFolders = PSTReader.FolderSelection.sentItems

  mutating func visit(folder path: String, appleMailbox: String?) {
    guard case .success(let found) = DirectoryListing.kind(of: path),
          visited.insert(found.identity).inserted else { return }
    let names: [String]
    switch DirectoryListing.names(at: path) {
    case .success(let listed): names = listed
    case .failure(let failure):
      problems.append(Problem(kind: .unreadableFile, file: path, detail: failure.description))
      return
    }
    if names.contains(MailboxDiscovery.noIndexMarker) { return }

    let isMaildir = MailboxDiscovery.isMaildir(path)
    if isMaildir { sources.append(MaildirReader(path: path)) }
    for name in names {
      let child = path + "/" + name
      if let known = MailboxDiscovery.knownMetadata(name) {
        if case .success(let found) = DirectoryListing.kind(of: child), found.kind == .file {
          skipped.append(SkippedFile(path: child, kind: known))
        }
        continue
      }
      if name.hasPrefix(".") {
        // Maildir++ keeps subfolders as `.Sent`, `.Sent.2024` beside cur/.
        if isMaildir, MailboxDiscovery.isMaildir(child) {
          visitMaildirPlusPlus(child)
        }
        continue
      }
      if isMaildir, ["cur", "new", "tmp"].contains(name) { continue }
      if name.lowercased().hasSuffix(MailboxDiscovery.attachmentPartSuffix) { continue }
      switch DirectoryListing.kind(of: child) {
      case .failure(let failure):
        problems.append(Problem(kind: .unreadableFile, file: child, detail: failure.description))
      case .success(let found):
        switch found.kind {
        case .directory:
          visit(folder: child, appleMailbox: MailboxDiscovery.appleMailbox(child, inside: appleMailbox))
        // Loose files beside cur/ are mostly server state (skipped quietly
        // by the sniffer), but some tools leave messages there too.
        case .file: visit(file: child, namedByUser: false, appleMailbox: appleMailbox)
        case .other: break
        }
      }
    }
  }

  mutating func visitMaildirPlusPlus(_ path: String) {
    guard case .success(let found) = DirectoryListing.kind(of: path),
          visited.insert(found.identity).inserted else { return }
    if case .success(let names) = DirectoryListing.names(at: path),
       names.contains(MailboxDiscovery.noIndexMarker) { return }
    sources.append(MaildirReader(path: path))
  }

  mutating func visit(file path: String, namedByUser: Bool, appleMailbox: String?) {
    switch MailFileSniffer.sniff(path: path) {
    case .mbox:
      // An exported Apple Mail mailbox: `Name.mbox/mbox`.
      let isExport = appleMailbox.map { path == $0 + "/mbox" } ?? false
      sources.append(MboxReader(path: path, mailbox: isExport ? appleMailbox : nil))
    case .gzipMbox:
      sources.append(MboxReader(path: path, compression: .gzip))
    case .message:
      sources.append(SingleMessageReader(path: path))
    case .gzipMessage:
      sources.append(SingleMessageReader(path: path, compression: .gzip))
    case .emlx:
      sources.append(EmlxReader(path: path, appleMailbox: appleMailbox))
    case .outlookMessage:
      sources.append(MsgReader(path: path))
    case .outlookStore:
      sources.append(PSTReader(path: path, folders: outlookFolders))
    case .corrupt(let reason):
      // Compressed data is kept on purpose; damage is worth reporting even
      // while walking.
      problems.append(Problem(kind: .corruptArchive, file: path, offset: 0, detail: reason))
    case .unreadable(let failure):
      problems.append(Problem(kind: .unreadableFile, file: path, detail: failure.description))
    case .notMail(let reason):
      // Named by the user it was meant to be mail; met in a folder it is
      // counted as skipped (a README, a client's settings, an attachment).
      if namedByUser {
        problems.append(Problem(kind: .notAMessage, file: path, detail: reason))
      } else {
        skipped.append(SkippedFile(path: path, kind: SkippedFile.notMail))
      }
    case .gzip:
      // sniff(path:) always looks inside gzip data; nothing to add here.
      break
    }
  }
}

/// A file met while looking for mailboxes and knowingly not read: a mail
/// program's index or state file, or a file that is not mail.
public struct SkippedFile: Hashable, Sendable {
  /// The kind it is counted under for reports.
  public static let notMail = "not mail"

  public var path: String
  /// `dovecot-uidlist`, `Thunderbird .msf`, `.DS_Store`, ... or ``notMail``.
  public var kind: String

  public init(path: String, kind: String) {
    self.path = path
    self.kind = kind
  }
}

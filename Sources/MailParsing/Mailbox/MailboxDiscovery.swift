import Glibc

/// Finds the mailboxes under a path the user named: mbox files, Maildirs
/// (with their Maildir++ subfolders) and single message files.
///
/// Folders are walked in sorted order, so two runs list the same sources in
/// the same order. Hidden entries, mail-client index files and folders
/// marked `.noindex` are skipped; symbolic links are followed, but a folder
/// is never visited twice, so link loops end.
public enum MailboxDiscovery {
  /// Index and state files mail programs keep beside the mail.
  static let indexFilePrefixes = ["dovecot.index", "dovecot-uidlist", "dovecot-keywords", "dovecot.list.index"]
  /// Thunderbird keeps an index, `Sent.msf`, beside each mbox.
  static let indexFileSuffixes = [".msf"]
  /// A file that marks a folder as not to be indexed (mu's convention).
  static let noIndexMarker = ".noindex"

  /// The mailboxes at `path`, and problems for what could not be read.
  ///
  /// A file named directly that is neither an mbox nor a message is a
  /// `.notAMessage` problem; such a file met while walking a folder (a
  /// README, a client's settings) is skipped quietly.
  public static func sources(at path: String) -> (sources: [any MailboxSource], problems: [Problem]) {
    var walk = DiscoveryWalk()
    switch DirectoryListing.kind(of: path) {
    case .failure(let failure):
      walk.problems.append(Problem(kind: .unreadableFile, file: path, detail: failure.description))
    case .success(let found):
      switch found.kind {
      case .directory:
        walk.visit(folder: path)
      case .file:
        walk.visit(file: path, namedByUser: true)
      case .other:
        walk.problems.append(Problem(
          kind: .notAMessage, file: path, detail: "neither a regular file nor a folder"))
      }
    }
    return (walk.sources, walk.problems)
  }

  /// True for the index files mail programs keep beside mailboxes.
  static func isIndexFile(_ name: String) -> Bool {
    indexFilePrefixes.contains { name.hasPrefix($0) } || indexFileSuffixes.contains { name.hasSuffix($0) }
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
  var visited: Set<FileIdentity> = []

  mutating func visit(folder path: String) {
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
      if name.hasPrefix(".") {
        // Maildir++ keeps subfolders as `.Sent`, `.Sent.2024` beside cur/.
        if isMaildir, MailboxDiscovery.isMaildir(child) {
          visitMaildirPlusPlus(child)
        }
        continue
      }
      if isMaildir, ["cur", "new", "tmp"].contains(name) { continue }
      if MailboxDiscovery.isIndexFile(name) { continue }
      switch DirectoryListing.kind(of: child) {
      case .failure(let failure):
        problems.append(Problem(kind: .unreadableFile, file: child, detail: failure.description))
      case .success(let found):
        switch found.kind {
        case .directory: visit(folder: child)
        // Loose files beside cur/ are mostly server state (skipped quietly
        // by the sniffer), but some tools leave messages there too.
        case .file: visit(file: child, namedByUser: false)
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

  mutating func visit(file path: String, namedByUser: Bool) {
    switch MailFileSniffer.sniff(path: path) {
    case .mbox:
      sources.append(MboxReader(path: path))
    case .message:
      sources.append(SingleMessageReader(path: path))
    case .unreadable(let failure):
      problems.append(Problem(kind: .unreadableFile, file: path, detail: failure.description))
    case .notMail(let reason):
      if namedByUser { problems.append(Problem(kind: .notAMessage, file: path, detail: reason)) }
    }
  }
}

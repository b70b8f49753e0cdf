#if canImport(Glibc)
  import Glibc
#endif
import MailParsing

extension MaildirReader: IncrementalSource {
  /// Files known by their unique name are not read again (a flag change or
  /// a move to cur/ only updates the name); files gone are marked gone; new
  /// files are read.
  func read(into run: inout ScanRun) throws {
    // Any file added, removed or renamed (a flag change) in cur/ or new/
    // changes that folder's mtime: unchanged folders need no listing at all.
    let stateKey = mailbox + "/"
    let folders = Self.folderTimes(mailbox)
    if let folders, let old = try run.index.sourceState(path: stateKey), old.complete, old.fingerprint == folders {
      return
    }
    let listing = try messageFiles()
    run.problems += listing.problems
    // Counted now, so the listing is not kept alive while the files are read.
    let fileCount = listing.files.count
    let known = try run.index.knownLocations(inMailbox: mailbox)
    // Only known files need remembering as present (to find those gone):
    // a set of every file's identity cost 7 MiB on a first scan of 50,000.
    var present = Set<String>()
    var renamed: [(identity: String, file: String)] = []
    var unread: [String] = []
    if known.isEmpty {
      // A first scan knows no file: each is read, without first working out
      // its identity (12 to 18 ms of 50,000 files, before any is read).
      unread = listing.files
    } else {
      for file in listing.files {
        let identity = MessageLocation(format: .maildir, mailbox: mailbox, file: file).identity
        if let knownFile = known[identity] {
          present.insert(identity)
          if knownFile != file { renamed.append((identity, file)) }
        } else {
          unread.append(file)
        }
      }
    }
    let gone = known.keys.filter { !present.contains($0) }
    try run.index.updateMaildirLocations(renamed: renamed, gone: gone, runId: run.runId)
    try forEachEvent(in: unread) { event in
      run.add(event)
      if run.batchFull {
        try run.flush(overlapping: true)
        if run.shouldStop() { throw ScanStop() }
      }
    }
    let state = folders.map {
      SourceState(
        path: stateKey, device: 0, inode: 0, size: UInt64(fileCount), mtime: 0, fingerprint: $0,
        resumeOffset: 0, complete: true)
    }
    try run.flush(state: state)
    if run.shouldStop() { throw ScanStop() }
  }

  /// The modification times of a Maildir's cur/ and new/, as one string;
  /// nil when neither can be read.
  static func folderTimes(_ path: String) -> String? {
    var parts: [String] = []
    var any = false
    for folder in ["cur", "new"] {
      var info = stat()
      if stat(path + "/" + folder, &info) == 0 {
        any = true
        parts.append("\(folder):\(info.st_ino):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
      } else {
        parts.append("\(folder):-")
      }
    }
    return any ? parts.joined(separator: " ") : nil
  }
}

import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a file looks like now: identity, size, time, and a fingerprint of
/// its start, to tell an unchanged, a grown and a rewritten file apart.
struct FileSnapshot: Sendable, Equatable {
  var device: UInt64
  var inode: UInt64
  var size: UInt64
  var mtime: Double
  /// The file's first bytes, up to ``fingerprintLength``.
  var head: [UInt8]

  /// Bytes of the start that are fingerprinted: a compacted or rewritten
  /// mbox differs there; one that only grew does not.
  static let fingerprintLength = 64 * 1024

  /// Takes a snapshot of `path` (read-only); nil when it cannot be read.
  static func take(_ path: String) -> FileSnapshot? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let want = Int(min(UInt64(fingerprintLength), UInt64(max(info.st_size, 0))))
    var head = [UInt8](repeating: 0, count: want)
    var got = 0
    while got < want {
      let n = head.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress.map { $0 + got }, want - got, off_t(got)) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }
      got += n
    }
    head.removeLast(want - got)
    let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    return FileSnapshot(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: UInt64(max(info.st_size, 0)), mtime: mtime,
      head: head)
  }

  /// SHA-256 of the first `length` bytes (fewer if the file is shorter).
  func fingerprint(length: UInt64) -> String {
    SHA256.hash(data: head.prefix(Int(min(length, UInt64(head.count))))).hexString
  }

  /// The state to store for this file read up to `resumeOffset`.
  func state(path: String, resumeOffset: UInt64, complete: Bool) -> SourceState {
    SourceState(
      path: path, device: device, inode: inode, size: size, mtime: mtime, fingerprint: fingerprint(length: size),
      resumeOffset: resumeOffset, complete: complete)
  }

  /// How this snapshot relates to what the index remembers of the file.
  enum Change: Equatable {
    /// Never scanned.
    case new
    /// Same file, read to its end, nothing added.
    case unchanged
    /// Same file, same start: read on from the stored offset.
    case grown(from: UInt64)
    /// Replaced, shrunk or rewritten: read it all again.
    case rewritten
  }

  func change(since old: SourceState?) -> Change {
    guard let old else { return .new }
    guard old.device == device, old.inode == inode, size >= old.resumeOffset, size >= old.size || !old.complete,
      fingerprint(length: old.size) == old.fingerprint
    else { return .rewritten }
    if old.complete && size == old.size && old.resumeOffset == size { return .unchanged }
    return .grown(from: old.resumeOffset)
  }
}

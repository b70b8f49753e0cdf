import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One scan at a time per index: an exclusive lock on `INDEX.lock`, released
/// by the kernel if the process dies, so a killed scan never blocks the next.
public final class ScanLock: ScanLease {
  private let fd: Int32
  public let path: String

  /// Takes the lock, or throws ``IndexError/busy(path:)`` when another scan
  /// holds it.
  public init(indexPath: String) throws {
    path = indexPath + ".lock"
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, PrivateFiles.fileMode)
    guard fd >= 0 else { throw IndexError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw IndexError.busy(path: indexPath)
    }
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}

/// The lease of a store no other process can reach.
final class InProcessLease: ScanLease {}

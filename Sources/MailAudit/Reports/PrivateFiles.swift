import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files and folders that hold personal data: readable by their owner only.
public enum PrivateFiles {
  /// Mode of every report and index file.
  public static let fileMode: mode_t = 0o600
  /// Mode of every folder mailaudit creates.
  public static let directoryMode: mode_t = 0o700

  /// Creates `url` and its missing parents with mode 0700.
  public static func createDirectory(_ url: URL) throws {
    let path = url.path
    if FileManager.default.fileExists(atPath: path) { return }
    try FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: true,
      attributes: [.posixPermissions: Int(directoryMode)])
  }

  /// Creates an empty file with mode 0600 if it does not exist.
  public static func touch(_ url: URL) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC, fileMode)
    guard fd >= 0 else { throw ReportError.cannotWrite(path: url.path, errno: errno) }
    close(fd)
  }

  /// Writes `bytes` to `url` atomically (a temporary file renamed over it),
  /// mode 0600 from creation, so no reader ever sees a half-written report.
  public static func write(_ bytes: some Sequence<UInt8>, to url: URL) throws {
    let data = Array(bytes)
    try write(to: url) { put in try data.withUnsafeBytes(put) }
  }

  /// Writes `pieces`, one after another, to `url` as ``write(_:to:)`` does:
  /// a page assembled from a few long parts is never joined in memory.
  public static func write(utf8 pieces: [String], to url: URL) throws {
    try write(to: url) { put in
      for var piece in pieces {
        try piece.withUTF8 { try put(UnsafeRawBufferPointer($0)) }
      }
    }
  }

  /// How many bytes a report writer gathers before it hands them to its
  /// file: few writes, and little beside the report in memory.
  public static let chunkBytes = 256 * 1024

  /// Opens a temporary file beside `url` (0600), lets `body` write into it
  /// through `put`, and renames it over `url`; on any error the temporary
  /// file is removed and `url` is left as it was.
  static func write(
    to url: URL, _ body: (_ put: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) throws {
    let temp = url.path + ".tmp-\(getpid())"
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fileMode)
    guard fd >= 0 else { throw ReportError.cannotWrite(path: url.path, errno: errno) }
    func put(_ buffer: UnsafeRawBufferPointer) throws {
      var written = 0
      while written < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          throw ReportError.cannotWrite(path: url.path, errno: errno)
        }
        written += n
      }
    }
    do {
      try body(put)
    } catch {
      close(fd)
      unlink(temp)
      throw error
    }
    // fchmod as well: an existing temp file would keep its old mode.
    fchmod(fd, fileMode)
    close(fd)
    guard rename(temp, url.path) == 0 else {
      let code = errno
      unlink(temp)
      throw ReportError.cannotWrite(path: url.path, errno: code)
    }
  }
}

/// Errors that stop a report from being written.
public enum ReportError: LocalizedError, Equatable {
  case cannotWrite(path: String, errno: Int32)
  case template(name: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .cannotWrite(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
    case .template(let name, let reason): "report template \(name): \(reason)"
    }
  }
}

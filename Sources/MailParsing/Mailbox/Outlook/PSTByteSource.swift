import Glibc

/// Random access to the bytes of a `.pst`/`.ost` file.
///
/// The node database reads through this seam so that the same code reads a
/// file with `pread` (a 20 GB store is never loaded) and an in-memory buffer
/// (the fuzz target, tests).
public protocol PSTByteSource {
  /// Total size in bytes.
  var size: UInt64 { get }
  /// Exactly `count` bytes at `offset`; throws ``PSTError/outOfBounds`` when
  /// the range is not inside the source.
  func read(at offset: UInt64, count: Int) throws -> [UInt8]
}

/// Why a `.pst`/`.ost` (or a part of one) could not be read. Every case that
/// concerns a place in the file carries its byte offset.
public enum PSTError: Error, Equatable, CustomStringConvertible {
  /// A read of `count` bytes at `offset` runs past the end of the file.
  case outOfBounds(offset: UInt64, count: Int)
  /// The file could not be opened or read.
  case io(call: String, code: Int32)
  /// The header is not a PST header the reader understands.
  case badHeader(offset: UInt64, detail: String)
  /// A B-tree page that is not what its parent said it would be.
  case badPage(offset: UInt64, detail: String)
  /// A block that is missing, too short or malformed.
  case badBlock(offset: UInt64, detail: String)
  /// A node or block named by another structure does not exist.
  case missing(offset: UInt64, detail: String)
  /// A heap, B-tree-on-heap, property or table context that does not parse;
  /// `offset` is that of the node's first data block.
  case badStructure(offset: UInt64, detail: String)

  /// Byte offset in the file the error is about.
  public var offset: UInt64 {
    switch self {
    case .outOfBounds(let offset, _), .badHeader(let offset, _), .badPage(let offset, _), .badBlock(let offset, _),
         .missing(let offset, _), .badStructure(let offset, _):
      return offset
    case .io: return 0
    }
  }

  public var description: String {
    switch self {
    case .outOfBounds(let offset, let count): return "a read of \(count) bytes at \(offset) runs past the end of the file"
    case .io(let call, let code): return "\(call): \(String(cString: strerror(code)))"
    case .badHeader(_, let detail): return "damaged header: \(detail)"
    case .badPage(_, let detail): return "damaged B-tree page: \(detail)"
    case .badBlock(_, let detail): return "damaged block: \(detail)"
    case .missing(_, let detail): return detail
    case .badStructure(_, let detail): return "damaged structure: \(detail)"
    }
  }
}

/// A PST file read with `pread`, opened read-only. Close it with ``close()``.
public final class PSTFileSource: PSTByteSource {
  public let path: String
  public let size: UInt64
  private let descriptor: Int32

  /// Opens `path` read-only; never locks or writes.
  public init(path: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw PSTError.io(call: "open", code: errno) }
    var status = stat()
    guard fstat(fd, &status) == 0 else {
      let code = errno
      Glibc.close(fd)
      throw PSTError.io(call: "fstat", code: code)
    }
    self.path = path
    self.descriptor = fd
    self.size = UInt64(max(0, status.st_size))
  }

  deinit { Glibc.close(descriptor) }

  public func read(at offset: UInt64, count: Int) throws -> [UInt8] {
    guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
      throw PSTError.outOfBounds(offset: offset, count: count)
    }
    var buffer = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let got = buffer.withUnsafeMutableBytes { raw in
        pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw PSTError.io(call: "pread", code: errno)
      }
      // The file shrank under us: the rest is not there.
      if got == 0 { throw PSTError.outOfBounds(offset: offset, count: count) }
      done += got
    }
    return buffer
  }
}

/// PST bytes held in memory (fuzzing, derived test stores).
public struct PSTMemorySource: PSTByteSource {
  public let bytes: [UInt8]
  public var size: UInt64 { UInt64(bytes.count) }

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public func read(at offset: UInt64, count: Int) throws -> [UInt8] {
    guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
      throw PSTError.outOfBounds(offset: offset, count: count)
    }
    let start = Int(offset)
    return Array(bytes[start..<(start + count)])
  }
}

/// Little-endian reads from a byte array that never trap: out of range
/// reads give nil.
extension Array where Element == UInt8 {
  @inline(__always)
  func le16(_ at: Int) -> UInt16? {
    guard at >= 0, at + 2 <= count else { return nil }
    return UInt16(self[at]) | UInt16(self[at + 1]) << 8
  }

  @inline(__always)
  func le32(_ at: Int) -> UInt32? {
    guard at >= 0, at + 4 <= count else { return nil }
    return UInt32(self[at]) | UInt32(self[at + 1]) << 8 | UInt32(self[at + 2]) << 16 | UInt32(self[at + 3]) << 24
  }

  @inline(__always)
  func le64(_ at: Int) -> UInt64? {
    guard let low = le32(at), let high = le32(at + 4) else { return nil }
    return UInt64(low) | UInt64(high) << 32
  }

  @inline(__always)
  func byte(_ at: Int) -> UInt8? {
    guard at >= 0, at < count else { return nil }
    return self[at]
  }
}

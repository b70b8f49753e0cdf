import Glibc

/// Random-access, read-only bytes: a file read with `pread`, or bytes in
/// memory (tests, the fuzzer).
///
/// The Compound File reader asks for sectors one at a time, so a 25 MB
/// `.msg` whose attachments are never needed is never read whole.
protocol ByteSource {
  /// Total length in bytes.
  var count: UInt64 { get }
  /// `length` bytes from `offset`; throws ``CompoundFileError`` when they are
  /// not all there or cannot be read.
  func bytes(at offset: UInt64, length: Int) throws(CompoundFileError) -> [UInt8]
}

/// Bytes held in memory.
struct MemoryBytes: ByteSource {
  let storage: [UInt8]

  init(_ storage: [UInt8]) { self.storage = storage }

  var count: UInt64 { UInt64(storage.count) }

  func bytes(at offset: UInt64, length: Int) throws(CompoundFileError) -> [UInt8] {
    guard length >= 0, offset <= count, UInt64(length) <= count - offset else {
      throw CompoundFileError(.truncated, at: offset, "needs \(length) bytes, the data holds \(count)")
    }
    let start = Int(offset)
    return Array(storage[start..<(start + length)])
  }
}

/// A file opened read-only (`O_RDONLY`), read with `pread` at the offsets
/// asked for. Only ``FileBytes/withFile(_:_:)`` makes one, so the descriptor
/// is always closed.
struct FileBytes: ByteSource {
  private let descriptor: Int32
  let count: UInt64

  private init(descriptor: Int32, count: UInt64) {
    self.descriptor = descriptor
    self.count = count
  }

  /// Opens `path` read-only, runs `body` on it, closes it.
  ///
  /// - Throws: ``MailboxReadError`` when the file cannot be opened, else what
  ///   `body` throws.
  static func withFile<T>(_ path: String, _ body: (FileBytes) throws -> T) throws -> T {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw MailboxReadError(path: path, call: "open", code: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw MailboxReadError(path: path, call: "fstat", code: errno) }
    return try body(FileBytes(descriptor: descriptor, count: UInt64(max(0, status.st_size))))
  }

  func bytes(at offset: UInt64, length: Int) throws(CompoundFileError) -> [UInt8] {
    guard length >= 0, offset <= count, UInt64(length) <= count - offset else {
      throw CompoundFileError(.truncated, at: offset, "needs \(length) bytes, the file holds \(count)")
    }
    var buffer = [UInt8](repeating: 0, count: length)
    var filled = 0
    while filled < length {
      let got = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return pread(descriptor, base + filled, length - filled, off_t(offset) + off_t(filled))
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw CompoundFileError(.unreadable, at: offset + UInt64(filled), "pread: \(SystemError.describe(errno))")
      }
      // The file shrank since fstat.
      if got == 0 { throw CompoundFileError(.truncated, at: offset + UInt64(filled), "the file ends early") }
      filled += got
    }
    return buffer
  }
}

/// Little-endian integers from a byte array, bounds-checked: a read past the
/// end gives nil instead of trapping.
extension Array where Element == UInt8 {
  func uint16LE(at index: Int) -> UInt16? {
    guard index >= 0, index <= count - 2 else { return nil }
    return UInt16(self[index]) | UInt16(self[index + 1]) << 8
  }

  func uint32LE(at index: Int) -> UInt32? {
    guard index >= 0, index <= count - 4 else { return nil }
    var value: UInt32 = 0
    for byte in 0..<4 { value |= UInt32(self[index + byte]) << (8 * UInt32(byte)) }
    return value
  }

  func uint64LE(at index: Int) -> UInt64? {
    guard let low = uint32LE(at: index), let high = uint32LE(at: index + 4) else { return nil }
    return UInt64(high) << 32 | UInt64(low)
  }
}

import Glibc

/// Names in a folder and what they are, read with `opendir(3)`.
enum DirectoryListing {
  /// The names in `path` (without `.` and `..`), sorted by their UTF-8
  /// bytes (a name that is not UTF-8 repaired first, as a `String` holds
  /// it) so every run visits them in the same order; or the `errno` of the
  /// failure.
  static func names(at path: String) -> Result<[String], SystemCallError> {
    SortedNames.read(path).map { $0.names() }
  }

  /// The paths of the entries in `path` whose names do not start with a dot,
  /// `path/name`, sorted by name as ``names(at:)`` sorts them.
  static func visiblePaths(in path: String) -> Result<[String], SystemCallError> {
    SortedNames.read(path).map { $0.paths(under: path) }
  }

  /// What a path is, following symbolic links.
  enum Kind: Equatable {
    case file
    case directory
    case other
  }

  /// The kind of `path` and its device and inode (to notice a folder seen
  /// twice through a symbolic link), or the `errno` of `stat(2)`.
  static func kind(of path: String) -> Result<(kind: Kind, identity: FileIdentity), SystemCallError> {
    var info = stat()
    guard stat(path, &info) == 0 else { return .failure(SystemCallError(call: "stat", code: errno)) }
    let type = info.st_mode & S_IFMT
    let kind: Kind = type == S_IFREG ? .file : type == S_IFDIR ? .directory : .other
    return .success((kind, FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))))
  }

  /// True when `path` is a folder.
  static func isDirectory(_ path: String) -> Bool {
    if case .success(let found) = kind(of: path) { return found.kind == .directory }
    return false
  }
}

/// A folder's names as one block of bytes, in byte order.
///
/// A Maildir of 50,000 messages is listed before any of it is read, on one
/// core while the other waits: sorting its names as `String`s, and then
/// joining each to the folder's path, took about 70 ms of the 100 ms
/// listing (`readdir(3)` itself about 25 ms). Here names are compared with
/// `memcmp` in place and each path is written once, at its full length.
private struct SortedNames {
  /// Every name, one after another.
  private var bytes: [UInt8] = []
  /// Where each name starts in ``bytes``, and after the last its end.
  private var starts: [Int] = [0]
  /// Indexes of the names, in byte order.
  private var order: [Int] = []

  static func read(_ path: String) -> Result<SortedNames, SystemCallError> {
    guard let directory = opendir(path) else {
      return .failure(SystemCallError(call: "opendir", code: errno))
    }
    defer { closedir(directory) }
    var listing = SortedNames()
    while let entry = readdir(directory) {
      withUnsafeBytes(of: &entry.pointee.d_name) { field in
        let name = UnsafeRawBufferPointer(rebasing: field[..<(field.firstIndex(of: 0) ?? field.count)])
        listing.add(name)
      }
    }
    listing.sort()
    return .success(listing)
  }

  private mutating func add(_ name: UnsafeRawBufferPointer) {
    let dot = UInt8(ascii: ".")
    if name.count == 1 && name[0] == dot || name.count == 2 && name[0] == dot && name[1] == dot { return }
    if name.allSatisfy({ $0 < 0x80 }) {
      bytes.append(contentsOf: name)
    } else {
      // As a `String` holds it: invalid UTF-8 repaired, sorted as repaired.
      bytes.append(contentsOf: String(decoding: name, as: UTF8.self).utf8)
    }
    starts.append(bytes.count)
  }

  private mutating func sort() {
    order = Array(0..<(starts.count - 1))
    bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        order.sort { a, b in
          let aCount = starts[a + 1] - starts[a]
          let bCount = starts[b + 1] - starts[b]
          let common = memcmp(bytes.baseAddress! + starts[a], bytes.baseAddress! + starts[b], min(aCount, bCount))
          return common != 0 ? common < 0 : aCount < bCount
        }
      }
    }
  }

  /// Name number `index` of `bytes` (this listing's ``bytes``).
  private func name(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]])
  }

  func names() -> [String] {
    bytes.withUnsafeBufferPointer { bytes in
      order.map { String(decoding: name($0, in: bytes), as: UTF8.self) }
    }
  }

  /// Whether a name starting with a dot byte is a dot file: its first
  /// character is the dot alone, as `hasPrefix(".")` has always decided
  /// (a dot carrying a combining mark is a character of its own).
  private static func isHidden(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    name.count == 1 || name[1] < 0x80 || String(decoding: name, as: UTF8.self).hasPrefix(".")
  }

  func paths(under folder: String) -> [String] {
    let prefix = Array(folder.utf8) + [UInt8(ascii: "/")]
    return bytes.withUnsafeBufferPointer { bytes in
      order.compactMap { index -> String? in
        let name = name(index, in: bytes)
        if name.first == UInt8(ascii: "."), Self.isHidden(name) { return nil }
        return String(unsafeUninitializedCapacity: prefix.count + name.count) { path in
          _ = path.initialize(fromContentsOf: prefix)
          _ = path[prefix.count...].initialize(fromContentsOf: name)
          return prefix.count + name.count
        }
      }
    }
  }
}

/// A file's device and inode: the same folder reached by two paths has one.
struct FileIdentity: Hashable {
  var device: UInt64
  var inode: UInt64
}

/// A failed system call and its `errno`.
struct SystemCallError: Error {
  var call: String
  var code: Int32

  /// `call: reason`.
  var description: String { "\(call): \(SystemError.describe(code))" }
}

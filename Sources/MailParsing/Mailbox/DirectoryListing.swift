import Glibc

/// Names in a folder and what they are, read with `opendir(3)`.
enum DirectoryListing {
  /// The names in `path` (without `.` and `..`), sorted by their bytes so
  /// every run visits them in the same order; or the `errno` of the failure.
  static func names(at path: String) -> Result<[String], SystemCallError> {
    guard let directory = opendir(path) else {
      return .failure(SystemCallError(call: "opendir", code: errno))
    }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
        UnsafeRawPointer(tuple).withMemoryRebound(
          to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)
        ) { String(cString: $0) }
      }
      if name == "." || name == ".." { continue }
      names.append(name)
    }
    names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return .success(names)
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

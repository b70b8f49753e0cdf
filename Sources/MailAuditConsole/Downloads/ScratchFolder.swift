import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A private folder for files the console must write before it can send
/// them (an evidence set is written as a folder): made 0700 by `mkdtemp`,
/// files in it 0600, removed with everything in it when the work is done.
enum ScratchFolder {
  static func with<T>(_ body: (URL) throws -> T) throws -> T {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("mailaudit-console-XXXXXX").path
    var template = Array(base.utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap(mkdtemp) }) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: base])
    }
    let folder = URL(fileURLWithPath: String(cString: made))
    chmod(folder.path, 0o700)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
  }
}

import Glibc

/// A mailbox that cannot be read at all: the file or folder cannot be opened.
///
/// Readers throw it only for the mailbox as a whole; a single unreadable
/// message file inside a Maildir is a ``Problem`` event instead. The scan
/// driver records ``problem`` and goes on with the next mailbox.
public struct MailboxReadError: Error, Hashable, Sendable {
  /// The path that could not be read.
  public var path: String
  /// The system call that failed (`open`, `read`, `opendir`).
  public var call: String
  /// The `errno` the call set.
  public var code: Int32

  /// Creates the error for a failed system call on `path`.
  public init(path: String, call: String, code: Int32) {
    self.path = path
    self.call = call
    self.code = code
  }

  /// The same failure as a problem: a vanished file when the path no
  /// longer exists, otherwise an unreadable one.
  public var problem: Problem {
    Problem(
      kind: code == ENOENT ? .vanishedFile : .unreadableFile, file: path,
      detail: "\(call): \(SystemError.describe(code))")
  }
}

extension MailboxReadError: CustomStringConvertible {
  /// `path: call: reason`, for a person.
  public var description: String { "\(path): \(call): \(SystemError.describe(code))" }
}

/// Text for an `errno` value.
enum SystemError {
  static func describe(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}

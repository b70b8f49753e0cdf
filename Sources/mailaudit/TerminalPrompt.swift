import Foundation
import MailAudit

/// Asks on the terminal for a secret, without echo.
enum TerminalPrompt {
  /// One line typed or pasted on the controlling terminal, not echoed;
  /// nil without a terminal. getpass(3) is not used: macOS cuts its answer
  /// at 128 characters, and the terminal's line editing at 1024 (4096 on
  /// Linux), while an access token can be longer. So line editing is off
  /// too and the line is read byte by byte.
  static func secret(_ prompt: String) -> String? {
    let fd = open("/dev/tty", O_RDWR)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var saved = termios()
    guard tcgetattr(fd, &saved) == 0 else { return nil }
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO | ICANON)
    _ = prompt.withCString { write(fd, $0, strlen($0)) }
    guard tcsetattr(fd, TCSAFLUSH, &quiet) == 0 else { return nil }
    defer {
      _ = tcsetattr(fd, TCSAFLUSH, &saved)
      _ = write(fd, "\n", 1)
    }
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while read(fd, &byte, 1) == 1 {
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
      line.append(byte)
    }
    return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
  }
}

extension StoreLocation {
  /// Opens the store; a PostgreSQL password that neither `PGPASSWORD` nor
  /// `~/.pgpass` holds is asked for on the terminal (never taken from argv),
  /// and a job without one (cron, systemd) gets the error saying where to put it.
  func openAsking(creatingSchema: Bool = true) throws -> any AuditStore {
    try open(creatingSchema: creatingSchema) { question in
      isatty(STDIN_FILENO) == 1 ? TerminalPrompt.secret(question) : nil
    }
  }
}

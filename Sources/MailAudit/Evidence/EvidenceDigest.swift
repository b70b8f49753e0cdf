import Crypto
import Foundation
import MailParsing

/// SHA-256 of a message's raw bytes read again from where it was found, so
/// the regulator pack can prove which message it speaks of. Read-only: the
/// mailbox is opened for reading and nothing else.
///
/// What is hashed: in an mbox, the entry from its `From ` line for the
/// length the scan recorded; in a Maildir or `.eml`, the whole file. A
/// Maildir message that moved (new/ to cur/, flags changed) is found again
/// by its unique name.
public enum EvidenceDigest {
  /// Fills ``IncidentMessage/sha256`` from the first readable location of
  /// each message, or says why none could be read.
  public static func fill(_ detail: inout IncidentDetail) {
    for i in detail.messages.indices {
      var reasons: [String] = []
      for location in detail.messages[i].locations {
        switch digest(of: location) {
        case .success(let hex):
          detail.messages[i].sha256 = hex
          reasons = []
        case .failure(let reason):
          reasons.append("\(location.text): \(reason.text)")
          continue
        }
        break
      }
      if detail.messages[i].sha256 == nil { detail.messages[i].digestProblem = reasons.joined(separator: "; ") }
    }
  }

  /// Why a copy could not be hashed.
  public struct Unreadable: Error, Equatable {
    public var text: String
  }

  /// The hex SHA-256 of the message at `location`.
  public static func digest(of location: EvidenceLocation) -> Result<String, Unreadable> {
    switch location.format {
    case "mbox":
      guard let length = location.length, length > 0 else { return .failure(Unreadable(text: "length not recorded")) }
      return read(path: location.file, offset: location.offset, length: length)
    case "maildir":
      if FileManager.default.fileExists(atPath: location.file) {
        return read(path: location.file, offset: 0, length: nil)
      }
      guard let moved = movedMaildirFile(location) else { return .failure(Unreadable(text: "file no longer there")) }
      return read(path: moved, offset: 0, length: nil)
    default:
      return read(path: location.file, offset: 0, length: nil)
    }
  }

  private static func movedMaildirFile(_ location: EvidenceLocation) -> String? {
    let unique = MessageLocation.maildirUniquePart(of: (location.file as NSString).lastPathComponent)
    for sub in ["cur", "new"] {
      let folder = (location.mailbox as NSString).appendingPathComponent(sub)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      if let name = names.sorted().first(where: { MessageLocation.maildirUniquePart(of: $0) == unique }) {
        return (folder as NSString).appendingPathComponent(name)
      }
    }
    return nil
  }

  /// Streams `length` bytes (or to the end) from `offset` into SHA-256.
  private static func read(path: String, offset: Int64, length: Int64?) -> Result<String, Unreadable> {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return .failure(Unreadable(text: "cannot open for reading"))
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    do {
      try handle.seek(toOffset: UInt64(max(offset, 0)))
      var remaining = length
      while remaining.map({ $0 > 0 }) ?? true {
        let want = min(remaining ?? 1 << 20, 1 << 20)
        guard let chunk = try handle.read(upToCount: Int(want)), !chunk.isEmpty else { break }
        hasher.update(data: chunk)
        remaining = remaining.map { $0 - Int64(chunk.count) }
      }
      if let remaining, remaining > 0 { return .failure(Unreadable(text: "file ends \(remaining) bytes early")) }
    } catch {
      return .failure(Unreadable(text: "read failed: \(error.localizedDescription)"))
    }
    return .success(hasher.finalize().map { String(format: "%02x", $0) }.joined())
  }
}

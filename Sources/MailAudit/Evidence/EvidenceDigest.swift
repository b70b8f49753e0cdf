import Crypto
import Foundation
import MailIMAP
import MailParsing

/// Reads a message's own bytes again from where the scan found it, for
/// evidence: hashes in the regulator pack, copies in an evidence set.
/// Read-only: files are opened for reading only; IMAP folders are opened
/// with `EXAMINE` and read with `BODY.PEEK[]`, so no message gains `\Seen`.
///
/// What "the message's own bytes" are is defined once, in
/// ``MailParsing/MessageBytes``: in an mbox the entry without its `From `
/// line and the empty line that ends it (a gzipped mbox read back through
/// the decompressor); a Maildir or `.eml` file whole; in an `.emlx` the
/// message only; over IMAP the server's `BODY[]`.
public struct EvidenceReader: Sendable {
  /// How `imap://` locations are reached (CA, STARTTLS, the password).
  public var imap: IMAPScanSettings

  public init(imap: IMAPScanSettings = IMAPScanSettings()) {
    self.imap = imap
  }

  /// Why a copy could not be read.
  public struct Unreadable: Error, Equatable, CustomStringConvertible {
    public var text: String
    /// True when the file or the IMAP message is gone, not just unreadable.
    public var gone: Bool

    public init(text: String, gone: Bool = false) {
      self.text = text
      self.gone = gone
    }

    public var description: String { text }
  }

  /// Streams the message's bytes at `location` to `body`.
  public func read(_ location: EvidenceLocation, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard let format = MessageLocation.Format(rawValue: location.format) else {
      throw Unreadable(text: "unknown location format \(location.format)")
    }
    if format == .imap {
      let bytes = try imapMessage(location)
      try bytes.withUnsafeBytes { try body($0) }
      return
    }
    let messageLocation = MessageLocation(
      format: format, mailbox: location.mailbox, file: location.file, offset: UInt64(max(location.offset, 0)),
      length: location.length.map { UInt64(max($0, 0)) })
    do {
      try MessageBytes.read(messageLocation, body)
    } catch let failure as MessageBytes.Failure {
      if case .gone = failure { throw Unreadable(text: "the file is gone", gone: true) }
      throw Unreadable(text: failure.description)
    }
  }

  /// The hex SHA-256 of the message's bytes at `location`, and their count.
  public func digest(of location: EvidenceLocation) -> Result<(sha256: String, size: Int64), Unreadable> {
    var hasher = SHA256()
    var size: Int64 = 0
    do {
      try read(location) { chunk in
        hasher.update(bufferPointer: chunk)
        size += Int64(chunk.count)
      }
    } catch let error as Unreadable {
      return .failure(error)
    } catch {
      return .failure(Unreadable(text: "\(error)"))
    }
    return .success((hasher.finalize().hexString, size))
  }

  /// The message over IMAP: the folder is opened read-only, its UIDVALIDITY
  /// checked (a renumbered folder no longer names the same message by UID),
  /// and the message fetched with `BODY.PEEK[]`.
  private func imapMessage(_ location: EvidenceLocation) throws -> [UInt8] {
    guard let uid = UInt32(exactly: location.offset), let uidValidity = Self.uidValidity(in: location.file) else {
      throw Unreadable(text: "not an IMAP message location: \(location.file)")
    }
    do {
      let address = try IMAPFolderAddress(url: location.mailbox, startTLS: imap.connection.startTLS)
      let session = try IMAPFolderSession(
        address: address, credential: try imap.credential(address), options: imap.connection)
      defer { session.close() }
      let status = try session.examine()
      guard status.uidValidity == uidValidity else {
        throw Unreadable(
          text: "the folder was renumbered (UIDVALIDITY \(status.uidValidity), was \(uidValidity)); UID \(uid) no longer names this message",
          gone: true)
      }
      guard let bytes = try session.fetchMessage(uid: uid) else {
        throw Unreadable(text: "no message with UID \(uid) in the folder (expunged)", gone: true)
      }
      return bytes
    } catch let error as Unreadable {
      throw error
    } catch {
      throw Unreadable(text: (error as? LocalizedError)?.errorDescription ?? "\(error)")
    }
  }

  /// The UIDVALIDITY in an RFC 5092 message URL (`...;UIDVALIDITY=7/;UID=42`).
  static func uidValidity(in url: String) -> UInt32? {
    guard let range = url.range(of: ";UIDVALIDITY=", options: .caseInsensitive) else { return nil }
    return UInt32(url[range.upperBound...].prefix { $0.isNumber })
  }
}

/// SHA-256 of each message of an incident, read again from where it was
/// found, so the regulator pack can prove which message it speaks of.
public enum EvidenceDigest {
  /// Fills ``IncidentMessage/sha256`` from the first readable location of
  /// each message, or says why none could be read.
  public static func fill(_ detail: inout IncidentDetail, reader: EvidenceReader = EvidenceReader()) {
    for i in detail.messages.indices {
      var reasons: [String] = []
      for location in detail.messages[i].locations {
        switch reader.digest(of: location) {
        case .success(let digest):
          detail.messages[i].sha256 = digest.sha256
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

  /// The hex SHA-256 of the message at `location` (files only; IMAP needs
  /// an ``EvidenceReader`` with credentials).
  public static func digest(of location: EvidenceLocation) -> Result<String, EvidenceReader.Unreadable> {
    EvidenceReader().digest(of: location).map(\.sha256)
  }
}

import Crypto
import Foundation
import MailParsing

#if canImport(Glibc)
  import Glibc
#endif

/// What an evidence set holds: per message where it was found, its size
/// and SHA-256, and the copy made; written as `manifest.json`.
public struct EvidenceManifest: Codable, Sendable, Equatable {
  /// One message of the incident.
  public struct Message: Codable, Sendable, Equatable {
    /// The copy's file name in the set (`01-3fa2c1d09b7e.eml`).
    public var file: String
    public var messageID: String?
    /// The index's key of the message (its Message-ID, or a header hash).
    public var key: String
    public var size: Int64
    public var sha256: String
    /// When the copy was made (ISO 8601, UTC).
    public var copiedAt: String
    /// The location the copy was read from.
    public var copiedFrom: String
    /// Every place the message was found, each with what it held when the
    /// set was made.
    public var locations: [Source]
  }

  /// One location of a message and what it held when the set was made.
  public struct Source: Codable, Sendable, Equatable {
    public var location: EvidenceLocation
    /// SHA-256 of the message's bytes there; nil when it could not be read.
    public var sha256: String?
    public var size: Int64?
    /// Why it could not be read, if so.
    public var unreadable: String?
  }

  public var schema = "mailaudit.evidence/1"
  public var incident: String
  public var createdAt: String
  public var mailauditVersion: String
  public var host: String
  /// What the hashes cover, in words, so an auditor can check them with
  /// any tool.
  public var hashDefinition: String
  public var messages: [Message]

  /// The definition of the hashed bytes, as printed in the manifest and
  /// the regulator pack.
  public static let hashDefinition = """
    SHA-256 of the message's own bytes: in an mbox, the bytes after the From line up to the next From line, \
    less the one empty line the mbox format puts before it (a gzipped mbox is read back through the \
    decompressor); a Maildir or .eml file whole (decompressed if gzipped); in an Apple Mail .emlx, the \
    message bytes its first line counts; over IMAP, the server's BODY[]; in an Outlook .pst/.ost, the \
    message node's data blocks with the store's cipher removed, then each subnode's (ascending subnode ID, \
    depth first), as stored: no RFC 5322 text exists, so such a copy is a .pstnode file. Each copy in this set holds \
    exactly those bytes, so `sha256sum` of the copy gives the hash.
    """
}

/// Writes an incident's evidence set: a byte-for-byte `.eml` copy of every
/// message, `manifest.json`, its SHA-256 in `manifest.json.sha256` and a
/// `SHA256SUMS` of the copies (both checkable with `sha256sum -c`).
public struct EvidenceSetWriter: Sendable {
  /// Reads the messages (read-only; IMAP with `BODY.PEEK[]`).
  public var reader: EvidenceReader
  /// The host named in the manifest.
  public var host: String
  /// The clock, for the times in the manifest.
  public var now: @Sendable () -> Date

  public init(
    reader: EvidenceReader = EvidenceReader(), host: String = ProcessInfo.processInfo.hostName,
    now: @escaping @Sendable () -> Date = Date.init
  ) {
    self.reader = reader
    self.host = host
    self.now = now
  }

  /// The manifest's file name, and the names of its checksum files.
  public static let manifestName = "manifest.json"
  public static let manifestDigestName = "manifest.json.sha256"
  public static let copiesDigestName = "SHA256SUMS"

  /// Writes the set for `detail` into `directory`, which must not exist or
  /// be empty (an evidence set holds nothing but its own files). Files are
  /// 0600 in a 0700 folder.
  ///
  /// - Throws: ``EvidenceError`` when the folder is not empty or a message
  ///   could be read from none of its locations.
  @discardableResult
  public func write(_ detail: IncidentDetail, into directory: URL) throws -> EvidenceManifest {
    let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    guard existing.isEmpty else { throw EvidenceError.folderNotEmpty(directory.path) }
    try PrivateFiles.createDirectory(directory)
    var entries: [EvidenceManifest.Message] = []
    for (number, message) in detail.messages.enumerated() {
      // The first readable location is copied and hashed in one read; the
      // others are only hashed.
      var sources: [EvidenceManifest.Source] = []
      var copy: (name: String, sha256: String, size: Int64, from: String)?
      for location in message.locations.map(Self.absolute) {
        do {
          if copy == nil {
            let made = try copyMessage(from: location, number: number + 1, into: directory)
            copy = (made.name, made.sha256, made.size, location.text)
            sources.append(EvidenceManifest.Source(location: location, sha256: made.sha256, size: made.size))
          } else {
            let digest = try reader.digest(of: location).get()
            sources.append(EvidenceManifest.Source(location: location, sha256: digest.sha256, size: digest.size))
          }
        } catch let reason as EvidenceReader.Unreadable {
          sources.append(EvidenceManifest.Source(location: location, unreadable: reason.text))
        }
      }
      guard let copy else {
        throw EvidenceError.noReadableCopy(
          message: message.messageID ?? message.key,
          reasons: sources.map { "\($0.location.text): \($0.unreadable ?? "")" })
      }
      entries.append(EvidenceManifest.Message(
        file: copy.name, messageID: message.messageID, key: message.key, size: copy.size, sha256: copy.sha256,
        copiedAt: Self.timestamp(now()), copiedFrom: copy.from, locations: sources))
    }
    let manifest = EvidenceManifest(
      incident: detail.id, createdAt: Self.timestamp(now()), mailauditVersion: MailAuditVersion.string, host: host,
      hashDefinition: EvidenceManifest.hashDefinition, messages: entries)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = Array(try encoder.encode(manifest)) + [0x0A]
    try PrivateFiles.write(data, to: directory.appendingPathComponent(Self.manifestName))
    try PrivateFiles.write(
      Array("\(SHA256.hash(data: data).hexString)  \(Self.manifestName)\n".utf8),
      to: directory.appendingPathComponent(Self.manifestDigestName))
    let sums = entries.map { "\($0.sha256)  \($0.file)\n" }.joined()
    try PrivateFiles.write(Array(sums.utf8), to: directory.appendingPathComponent(Self.copiesDigestName))
    return manifest
  }

  /// Copies the message at `location` into `directory` while hashing it;
  /// the copy is named by its number and the start of its hash.
  private func copyMessage(
    from location: EvidenceLocation, number: Int, into directory: URL
  ) throws -> (name: String, sha256: String, size: Int64) {
    let temp = directory.appendingPathComponent(".copy-\(number).tmp").path
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFiles.fileMode)
    guard fd >= 0 else { throw ReportError.cannotWrite(path: temp, errno: errno) }
    var hasher = SHA256()
    var size: Int64 = 0
    do {
      defer { close(fd) }
      try reader.read(location) { chunk in
        var written = 0
        while written < chunk.count {
          let n = Glibc.write(fd, chunk.baseAddress! + written, chunk.count - written)
          if n < 0 {
            if errno == EINTR { continue }
            throw ReportError.cannotWrite(path: temp, errno: errno)
          }
          written += n
        }
        hasher.update(bufferPointer: chunk)
        size += Int64(chunk.count)
      }
      guard fsync(fd) == 0 else { throw ReportError.cannotWrite(path: temp, errno: errno) }
    } catch {
      unlink(temp)
      throw error
    }
    let sha256 = hasher.finalize().hexString
    // An Outlook store keeps MAPI properties, not a message's text: its
    // copy is the node's stored bytes, not an .eml.
    let fileExtension = location.format == MessageLocation.Format.pst.rawValue ? "pstnode" : "eml"
    let name = String(format: "%02d-%@.%@", number, String(sha256.prefix(12)), fileExtension)
    let path = directory.appendingPathComponent(name).path
    guard rename(temp, path) == 0 else {
      let code = errno
      unlink(temp)
      throw ReportError.cannotWrite(path: path, errno: code)
    }
    return (name, sha256, size)
  }

  /// The location with its paths made absolute: the index keeps them as
  /// the scan was given them, but a manifest is checked from anywhere.
  static func absolute(_ location: EvidenceLocation) -> EvidenceLocation {
    guard location.format != MessageLocation.Format.imap.rawValue, !location.file.hasPrefix("/") else { return location }
    let file = URL(fileURLWithPath: location.file).standardizedFileURL.path
    let mailbox = URL(fileURLWithPath: location.mailbox).standardizedFileURL.path
    return EvidenceLocation(format: location.format, mailbox: mailbox, file: file, offset: location.offset, length: location.length)
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}

/// Why an evidence set could not be written or checked.
public enum EvidenceError: Error, Equatable, LocalizedError {
  case folderNotEmpty(String)
  case noReadableCopy(message: String, reasons: [String])
  case notAnEvidenceSet(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .folderNotEmpty(let path):
      return "\(path) is not empty; an evidence set goes into a new or empty folder"
    case .noReadableCopy(let message, let reasons):
      return "no copy of \(message) could be read: \(reasons.joined(separator: "; "))"
    case .notAnEvidenceSet(let path, let reason):
      return "\(path) is not an evidence set mailaudit can check: \(reason)"
    }
  }
}

/// The outcome of checking an evidence set again.
public struct EvidenceVerification: Sendable, Equatable {
  /// What one check found.
  public enum Status: Sendable, Equatable {
    case matches
    /// The bytes are there but hash differently.
    case changed(actual: String)
    /// The copy or the source is gone.
    case gone(String)
    /// It could not be read (and was not known to be gone).
    case unreadable(String)
  }

  /// One checked item: the manifest, a copy, or a source location.
  public struct Item: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
      case manifest, copy, source
    }

    public var kind: Kind
    /// The file name (copies, manifest) or the location (sources).
    public var name: String
    /// The message it belongs to (Message-ID or key), if any.
    public var message: String?
    public var expected: String?
    public var status: Status
  }

  public var items: [Item]
  /// Files in the folder the manifest does not name.
  public var unexpectedFiles: [String]

  /// True when every item matches.
  public var allMatch: Bool { items.allSatisfy { $0.status == .matches } }
}

/// Checks an evidence set: the manifest against its recorded SHA-256, each
/// copy against the manifest, and with `sources` every original location
/// against what it held when the set was made. Read-only throughout.
public struct EvidenceVerifier: Sendable {
  public var reader: EvidenceReader

  public init(reader: EvidenceReader = EvidenceReader()) {
    self.reader = reader
  }

  public func verify(_ directory: URL, sources: Bool) throws -> EvidenceVerification {
    let manifestURL = directory.appendingPathComponent(EvidenceSetWriter.manifestName)
    guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
      throw EvidenceError.notAnEvidenceSet(path: directory.path, reason: "no readable \(EvidenceSetWriter.manifestName)")
    }
    var items: [EvidenceVerification.Item] = []
    let recorded = FileManager.default.contents(atPath: directory.appendingPathComponent(EvidenceSetWriter.manifestDigestName).path)
      .map { String(decoding: $0, as: UTF8.self).prefix { !$0.isWhitespace } }.map(String.init)
    let actual = SHA256.hash(data: data).hexString
    items.append(EvidenceVerification.Item(
      kind: .manifest, name: EvidenceSetWriter.manifestName, message: nil, expected: recorded,
      status: recorded == nil ? .gone("\(EvidenceSetWriter.manifestDigestName) is missing")
        : recorded == actual ? .matches : .changed(actual: actual)))
    let manifest: EvidenceManifest
    do {
      manifest = try JSONDecoder().decode(EvidenceManifest.self, from: data)
    } catch {
      throw EvidenceError.notAnEvidenceSet(path: directory.path, reason: "manifest.json cannot be read: \(error)")
    }
    for message in manifest.messages {
      let name = message.messageID ?? message.key
      // Names come from the manifest, which may have been edited: a copy is
      // looked for in this folder only.
      let file = (message.file as NSString).lastPathComponent
      let status: EvidenceVerification.Status
      if file != message.file || file.hasPrefix(".") {
        status = .unreadable("the manifest names a file outside the set: \(message.file)")
      } else {
        status = Self.check(file: directory.appendingPathComponent(file).path, expected: message.sha256)
      }
      items.append(EvidenceVerification.Item(kind: .copy, name: file, message: name, expected: message.sha256, status: status))
      guard sources else { continue }
      for source in message.locations {
        let expected = source.sha256
        let status: EvidenceVerification.Status
        switch reader.digest(of: source.location) {
        case .success(let digest):
          status = digest.sha256 == expected ? .matches : .changed(actual: digest.sha256)
        case .failure(let reason):
          status = reason.gone ? .gone(reason.text) : .unreadable(reason.text)
        }
        items.append(EvidenceVerification.Item(
          kind: .source, name: source.location.text, message: name, expected: expected, status: status))
      }
    }
    let named = Set(manifest.messages.map(\.file) + [
      EvidenceSetWriter.manifestName, EvidenceSetWriter.manifestDigestName, EvidenceSetWriter.copiesDigestName,
    ])
    let present = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return EvidenceVerification(items: items, unexpectedFiles: present.filter { !named.contains($0) }.sorted())
  }

  /// The SHA-256 of the file at `path` against `expected`.
  static func check(file path: String, expected: String) -> EvidenceVerification.Status {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return FileManager.default.fileExists(atPath: path) ? .unreadable("cannot open for reading") : .gone("the copy is gone")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    do {
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
    } catch {
      return .unreadable("read failed: \(error.localizedDescription)")
    }
    let actual = hasher.finalize().hexString
    return actual == expected ? .matches : .changed(actual: actual)
  }
}

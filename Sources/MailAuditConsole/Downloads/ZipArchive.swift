import CZlib
import Foundation

/// A ZIP archive with its entries stored, not compressed (drafts and
/// evidence copies are small, and a stored entry keeps the evidence bytes
/// byte for byte). Names are UTF-8 (general purpose flag bit 11). Built in
/// memory; no ZIP64, so an entry or the archive over 4 GiB is refused.
struct ZipArchive {
  private(set) var bytes: [UInt8] = []
  private var central: [UInt8] = []
  private var count = 0
  /// MS-DOS time and date of every entry.
  private let dosTime: UInt16
  private let dosDate: UInt16

  /// Why an archive could not be made.
  enum Failure: Error, Equatable {
    case tooLarge(entry: String)
  }

  init(modified: Date = Date()) {
    let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 0) ?? .current, from: modified)
    dosTime = UInt16((parts.hour ?? 0) << 11 | (parts.minute ?? 0) << 5 | (parts.second ?? 0) / 2)
    dosDate = UInt16(max((parts.year ?? 1980) - 1980, 0) << 9 | (parts.month ?? 1) << 5 | (parts.day ?? 1))
  }

  /// The CRC-32 ZIP uses (zlib's).
  static func crc32(_ data: [UInt8]) -> UInt32 {
    data.withUnsafeBufferPointer { buffer in
      UInt32(CZlib.crc32(0, buffer.baseAddress, uInt(buffer.count)))
    }
  }

  mutating func add(_ name: String, _ data: [UInt8]) throws {
    let nameBytes = Array(name.utf8)
    guard data.count < Int(UInt32.max), bytes.count < Int(UInt32.max) else { throw Failure.tooLarge(entry: name) }
    let crc = Self.crc32(data)
    let offset = UInt32(bytes.count)
    var local: [UInt8] = []
    local.append32(0x0403_4b50)
    local.append16(20)  // version needed: 2.0
    local.append16(1 << 11)  // UTF-8 names
    local.append16(0)  // stored
    local.append16(dosTime)
    local.append16(dosDate)
    local.append32(crc)
    local.append32(UInt32(data.count))
    local.append32(UInt32(data.count))
    local.append16(UInt16(nameBytes.count))
    local.append16(0)
    bytes += local + nameBytes + data

    central.append32(0x0201_4b50)
    central.append16(0x031E)  // made by: Unix, 3.0
    central.append16(20)
    central.append16(1 << 11)
    central.append16(0)
    central.append16(dosTime)
    central.append16(dosDate)
    central.append32(crc)
    central.append32(UInt32(data.count))
    central.append32(UInt32(data.count))
    central.append16(UInt16(nameBytes.count))
    central.append16(0)  // extra
    central.append16(0)  // comment
    central.append16(0)  // disk
    central.append16(0)  // internal attributes
    central.append32(UInt32(0o100600) << 16)  // a regular file, 0600
    central.append32(offset)
    central += nameBytes
    count += 1
  }

  /// The archive: entries, central directory, end record.
  func finished() throws -> [UInt8] {
    guard bytes.count + central.count < Int(UInt32.max), count < Int(UInt16.max) else {
      throw Failure.tooLarge(entry: "(archive)")
    }
    var end: [UInt8] = []
    end.append32(0x0605_4b50)
    end.append16(0)
    end.append16(0)
    end.append16(UInt16(count))
    end.append16(UInt16(count))
    end.append32(UInt32(central.count))
    end.append32(UInt32(bytes.count))
    end.append16(0)
    return bytes + central + end
  }
}

extension [UInt8] {
  fileprivate mutating func append16(_ value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  fileprivate mutating func append32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }
}

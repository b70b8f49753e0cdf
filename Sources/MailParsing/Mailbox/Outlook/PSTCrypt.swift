/// The block ciphers of [MS-PST] 5.1 and 5.2, and the CRC of 5.3.
///
/// Neither cipher is protection: the tables are public and the key of the
/// cyclic one is the block's own ID. Only the data of external blocks is
/// encoded; internal blocks (data trees, subnode trees) and pages never are.
public enum PSTCrypt: UInt8, Sendable {
  /// `NDB_CRYPT_NONE`.
  case none = 0
  /// `NDB_CRYPT_PERMUTE`, "compressible encryption": a byte substitution.
  case permute = 1
  /// `NDB_CRYPT_CYCLIC`, "high encryption": three substitutions keyed by
  /// the block ID.
  case cyclic = 2

  /// Decodes a block's data in place. `bid` is the block's ID (its low 32
  /// bits are the cyclic cipher's key).
  public func decode(_ data: inout [UInt8], bid: UInt64) {
    switch self {
    case .none: return
    case .permute:
      for i in data.indices { data[i] = Self.tableI[Int(data[i])] }
    case .cyclic: Self.cycle(&data, bid: bid)
    }
  }

  /// Encodes a block's data in place (the inverse of ``decode(_:bid:)``),
  /// for tests that build stores.
  public func encode(_ data: inout [UInt8], bid: UInt64) {
    switch self {
    case .none: return
    case .permute:
      for i in data.indices { data[i] = Self.tableR[Int(data[i])] }
    case .cyclic: Self.cycle(&data, bid: bid)
    }
  }

  /// `CryptCyclic`: its own inverse.
  private static func cycle(_ data: inout [UInt8], bid: UInt64) {
    let key = UInt32(truncatingIfNeeded: bid)
    var w = UInt16(truncatingIfNeeded: key ^ (key >> 16))
    for i in data.indices {
      var b = data[i]
      b = b &+ UInt8(truncatingIfNeeded: w)
      b = tableR[Int(b)]
      b = b &+ UInt8(truncatingIfNeeded: w >> 8)
      b = tableS[Int(b)]
      b = b &- UInt8(truncatingIfNeeded: w >> 8)
      b = tableI[Int(b)]
      b = b &- UInt8(truncatingIfNeeded: w)
      data[i] = b
      w = w &+ 1
    }
  }

  /// `mpbbR`, the first third of `mpbbCrypt` ([MS-PST] 5.1).
  static let tableR: [UInt8] = [
    65, 54, 19, 98, 168, 33, 110, 187, 244, 22, 204, 4, 127, 100, 232, 93, 30, 242, 203, 42, 116, 197, 94, 53, 210, 149,
    71, 158, 150, 45, 154, 136, 76, 125, 132, 63, 219, 172, 49, 182, 72, 95, 246, 196, 216, 57, 139, 231, 35, 59, 56, 142,
    200, 193, 223, 37, 177, 32, 165, 70, 96, 78, 156, 251, 170, 211, 86, 81, 69, 124, 85, 0, 7, 201, 43, 157, 133, 155,
    9, 160, 143, 173, 179, 15, 99, 171, 137, 75, 215, 167, 21, 90, 113, 102, 66, 191, 38, 74, 107, 152, 250, 234, 119, 83,
    178, 112, 5, 44, 253, 89, 58, 134, 126, 206, 6, 235, 130, 120, 87, 199, 141, 67, 175, 180, 28, 212, 91, 205, 226, 233,
    39, 79, 195, 8, 114, 128, 207, 176, 239, 245, 40, 109, 190, 48, 77, 52, 146, 213, 14, 60, 34, 50, 229, 228, 249, 159,
    194, 209, 10, 129, 18, 225, 238, 145, 131, 118, 227, 151, 230, 97, 138, 23, 121, 164, 183, 220, 144, 122, 92, 140, 2,
    166, 202, 105, 222, 80, 26, 17, 147, 185, 82, 135, 88, 252, 237, 29, 55, 73, 27, 106, 224, 41, 51, 153, 189, 108, 217,
    148, 243, 64, 84, 111, 240, 198, 115, 184, 214, 62, 101, 24, 68, 31, 221, 103, 16, 241, 12, 25, 236, 174, 3, 161, 20,
    123, 169, 11, 255, 248, 163, 192, 162, 1, 247, 46, 188, 36, 104, 117, 13, 254, 186, 47, 181, 208, 218, 61,
  ]

  /// `mpbbS`, the second third of `mpbbCrypt`.
  static let tableS: [UInt8] = [
    20, 83, 15, 86, 179, 200, 122, 156, 235, 101, 72, 23, 22, 21, 159, 2, 204, 84, 124, 131, 0, 13, 12, 11, 162, 98, 168,
    118, 219, 217, 237, 199, 197, 164, 220, 172, 133, 116, 214, 208, 167, 155, 174, 154, 150, 113, 102, 195, 99, 153, 184,
    221, 115, 146, 142, 132, 125, 165, 94, 209, 93, 147, 177, 87, 81, 80, 128, 137, 82, 148, 79, 78, 10, 107, 188, 141,
    127, 110, 71, 70, 65, 64, 68, 1, 17, 203, 3, 63, 247, 244, 225, 169, 143, 60, 58, 249, 251, 240, 25, 48, 130, 9, 46,
    201, 157, 160, 134, 73, 238, 111, 77, 109, 196, 45, 129, 52, 37, 135, 27, 136, 170, 252, 6, 161, 18, 56, 253, 76, 66,
    114, 100, 19, 55, 36, 106, 117, 119, 67, 255, 230, 180, 75, 54, 92, 228, 216, 53, 61, 69, 185, 44, 236, 183, 49, 43,
    41, 7, 104, 163, 14, 105, 123, 24, 158, 33, 57, 190, 40, 26, 91, 120, 245, 35, 202, 42, 176, 175, 62, 254, 4, 140,
    231, 229, 152, 50, 149, 211, 246, 74, 232, 166, 234, 233, 243, 213, 47, 112, 32, 242, 31, 5, 103, 173, 85, 16, 206,
    205, 227, 39, 59, 218, 186, 215, 194, 38, 212, 145, 29, 210, 28, 34, 51, 248, 250, 241, 90, 239, 207, 144, 182, 139,
    181, 189, 192, 191, 8, 151, 30, 108, 226, 97, 224, 198, 193, 89, 171, 187, 88, 222, 95, 223, 96, 121, 126, 178, 138,
  ]

  /// `mpbbI`, the last third of `mpbbCrypt`: the inverse of `mpbbR`
  /// (that is how the specification's table is built), computed here.
  static let tableI: [UInt8] = {
    var inverse = [UInt8](repeating: 0, count: 256)
    for (index, value) in tableR.enumerated() { inverse[Int(value)] = UInt8(index) }
    return inverse
  }()

  /// The CRC of [MS-PST] 5.3: CRC-32 (polynomial 0xEDB88320) started at 0
  /// and not inverted at the end.
  public static func crc(_ bytes: ArraySlice<UInt8>, seed: UInt32 = 0) -> UInt32 {
    var crc = seed
    for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc
  }

  private static let crcTable: [UInt32] = (0..<256).map { index -> UInt32 in
    var c = UInt32(index)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }
}

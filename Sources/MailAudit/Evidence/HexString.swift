import Foundation

/// Digests written as text: the header digest a message is keyed by, the
/// evidence manifests' hashes, the masked address tokens.
extension ContiguousBytes {
  /// Lower-case hexadecimal.
  var hexString: String {
    withUnsafeBytes { bytes in
      // Written in place: appended digit by digit, one hash took ten
      // allocations (the digits, the array's growth, the string).
      String(unsafeUninitializedCapacity: bytes.count * 2) { out in
        for (i, byte) in bytes.enumerated() {
          out[2 * i] = Self.hexDigit(byte >> 4)
          out[2 * i + 1] = Self.hexDigit(byte & 0x0F)
        }
        return bytes.count * 2
      }
    }
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }
}

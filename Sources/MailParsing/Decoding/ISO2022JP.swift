/// ISO-2022-JP as Japanese mail clients write it: with the CP50220/CP50221
/// extensions (NEC special characters such as ① and ㈱ in row 13, NEC-selected
/// IBM extensions in rows 89-92, half-width katakana).
///
/// glibc's ISO-2022-JP rejects those rows, so JIS X 0208 and katakana runs are
/// re-encoded as Shift_JIS (the same code points, a different byte layout)
/// and decoded as CP932, which holds every extension. JIS X 0212 runs go
/// through EUC-JP.
enum ISO2022JP {
  /// The character set an escape sequence switched to.
  private enum Mode {
    case ascii, kana, jis0208, jis0212
  }

  /// A run of re-encoded bytes and the iconv charset that reads them.
  private struct Run {
    var iconvName: String
    var bytes: [UInt8]
  }

  /// The text, or nil (strict) when the bytes are not ISO-2022-JP: an 8-bit
  /// byte, an unknown escape sequence or a character outside every table.
  static func decode(_ bytes: [UInt8], lossy: Bool) -> String? {
    var runs: [Run] = []
    var mode = Mode.ascii
    var shiftedOut = false
    var index = 0
    func append(_ newBytes: [UInt8], to iconvName: String) {
      if let last = runs.indices.last, runs[last].iconvName == iconvName {
        runs[last].bytes.append(contentsOf: newBytes)
      } else {
        runs.append(Run(iconvName: iconvName, bytes: newBytes))
      }
    }
    func byte(at offset: Int) -> UInt8? {
      bytes.indices.contains(offset) ? bytes[offset] : nil
    }

    while let current = byte(at: index) {
      if current == 0x1B, let switched = escape(at: index, in: bytes) {
        if let newMode = switched.mode {
          mode = newMode
          shiftedOut = false
        }
        index += switched.length
        continue
      }
      if current == 0x0E { shiftedOut = true; index += 1; continue }
      if current == 0x0F { shiftedOut = false; index += 1; continue }
      if current >= 0x80 || current == 0x1B {
        // Not ISO-2022-JP: 8-bit data or an escape we do not know.
        guard lossy else { return nil }
        append([0xFF], to: "CP932")  // invalid in CP932: becomes U+FFFD
        index += 1
        continue
      }
      let effective = shiftedOut ? Mode.kana : mode
      switch effective {
      case .ascii:
        append([current], to: "CP932")
        index += 1
      case .kana:
        if (0x21...0x5F).contains(current) {
          append([current + 0x80], to: "CP932")
        } else {
          append([current], to: "CP932")
        }
        index += 1
      case .jis0208, .jis0212:
        guard (0x21...0x7E).contains(current) else {
          // Space, CR, LF inside a double-byte run: lenient, keep as is.
          append([current], to: "CP932")
          index += 1
          continue
        }
        guard let second = byte(at: index + 1), (0x21...0x7E).contains(second) else {
          guard lossy else { return nil }
          append([0xFF], to: "CP932")
          index += 1
          continue
        }
        if effective == .jis0208 {
          append(shiftJIS(current, second), to: "CP932")
        } else {
          append([0x8F, current | 0x80, second | 0x80], to: "EUC-JP")
        }
        index += 2
      }
    }

    var text = ""
    for run in runs {
      let conversion = IconvConversion(iconvName: run.iconvName)
      let decoded = lossy ? conversion.lossy(run.bytes) : conversion.strict(run.bytes)
      guard let decoded else { return nil }
      text += decoded
    }
    return text
  }

  /// Whether the bytes contain an ISO-2022-JP escape into a Japanese set.
  static func hasJapaneseEscape(_ bytes: [UInt8]) -> Bool {
    for (index, byte) in bytes.enumerated() where byte == 0x1B {
      if let mode = escape(at: index, in: bytes)?.mode, mode != .ascii { return true }
    }
    return false
  }

  /// The mode an escape sequence at `index` selects, and its length.
  private static func escape(at index: Int, in bytes: [UInt8]) -> (mode: Mode?, length: Int)? {
    let rest = bytes.dropFirst(index + 1).prefix(3)
    let sequences: [([UInt8], Mode?)] = [
      ([0x28, 0x42], .ascii),  // ESC ( B  ASCII
      ([0x28, 0x4A], .ascii),  // ESC ( J  JIS X 0201 Roman, read as ASCII
      ([0x28, 0x48], .ascii),  // ESC ( H  (an old, wrong spelling of J)
      ([0x28, 0x49], .kana),  // ESC ( I  JIS X 0201 katakana
      ([0x24, 0x40], .jis0208),  // ESC $ @  JIS C 6226-1978
      ([0x24, 0x42], .jis0208),  // ESC $ B  JIS X 0208-1983
      ([0x24, 0x28, 0x44], .jis0212),  // ESC $ ( D  JIS X 0212
      ([0x26, 0x40], nil),  // ESC & @  announces JIS X 0208-1990: no switch
    ]
    for (sequence, mode) in sequences where rest.starts(with: sequence) {
      return (mode, sequence.count + 1)
    }
    return nil
  }

  /// The Shift_JIS bytes of JIS X 0208 row/cell bytes `j1 j2` (0x21...0x7E).
  static func shiftJIS(_ j1: UInt8, _ j2: UInt8) -> [UInt8] {
    var s1 = ((j1 - 0x21) >> 1) + 0x81
    if s1 > 0x9F { s1 += 0x40 }
    var s2: UInt8
    if j1 & 1 == 1 {
      s2 = j2 + 0x1F
      if s2 >= 0x7F { s2 += 1 }
    } else {
      s2 = j2 + 0x7E
    }
    return [s1, s2]
  }
}

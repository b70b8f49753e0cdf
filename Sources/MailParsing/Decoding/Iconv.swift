#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One conversion through iconv(3) from a named charset to UTF-8.
///
/// iconv descriptors carry shift state and are not thread-safe, so each
/// conversion opens its own and always closes it.
struct IconvConversion {
  /// The iconv name of the source charset (`CP932`, `WINDOWS-1252`).
  let iconvName: String

  /// Whether iconv knows this charset at all.
  var isAvailable: Bool {
    let descriptor = iconv_open("UTF-8", iconvName)
    guard Self.isValid(descriptor) else { return false }
    iconv_close(descriptor)
    return true
  }

  /// The bytes as text, or nil when iconv does not know the charset or the
  /// bytes are not valid in it (strict: no replacement characters).
  func strict<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
    let result = run(Array(bytes), lossy: false)
    return result.invalidAt == nil ? result.text : nil
  }

  /// The bytes as text with U+FFFD for every byte iconv cannot convert; nil
  /// only when iconv does not know the charset.
  func lossy<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
    run(Array(bytes), lossy: true).text
  }

  private static func isValid(_ descriptor: iconv_t?) -> Bool {
    guard let descriptor else { return false }
    return Int(bitPattern: descriptor) != -1
  }

  /// Converts `input`; on an invalid or truncated sequence either stops
  /// (strict) or emits U+FFFD, skips one byte and goes on (lossy).
  private func run(_ input: [UInt8], lossy: Bool) -> (text: String?, invalidAt: Int?) {
    let descriptor = iconv_open("UTF-8", iconvName)
    guard Self.isValid(descriptor) else { return (nil, nil) }
    defer { iconv_close(descriptor) }
    if input.isEmpty { return ("", nil) }

    var output: [UInt8] = []
    output.reserveCapacity(input.count * 2)
    var buffer = [UInt8](repeating: 0, count: max(64, input.count * 4))
    var firstInvalid: Int?
    var source = input
    source.withUnsafeMutableBufferPointer { inBuffer in
      guard let inBase = inBuffer.baseAddress else { return }
      var inOffset = 0
      var flushed = false
      while !flushed {
        let isFlush = inOffset >= inBuffer.count
        var inLeft = inBuffer.count - inOffset
        let (status, error): (Int, Int32) = buffer.withUnsafeMutableBufferPointer { outBuffer in
          guard let outBase = outBuffer.baseAddress else { return (0, 0) }
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = outBuffer.count
          let status: Int
          if isFlush {
            // A null input resets the shift state and writes what it needs.
            status = iconv(descriptor, nil, nil, &outPointer, &outLeft)
          } else {
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase + inOffset)
              .assumingMemoryBound(to: CChar.self)
            status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
          }
          // Read errno before anything else (an allocation) can change it.
          let error = status == -1 ? errno : 0
          output.append(contentsOf: outBuffer.prefix(outBuffer.count - outLeft))
          return (status, error)
        }
        if isFlush {
          flushed = true
          continue
        }
        inOffset = inBuffer.count - inLeft
        if status == -1 {
          if error == E2BIG { continue }
          // EILSEQ (invalid) or EINVAL (truncated at the end).
          if firstInvalid == nil { firstInvalid = inOffset }
          if !lossy { return }
          output.append(contentsOf: [0xEF, 0xBF, 0xBD])
          inOffset += 1
          // Start the next sequence from a clean shift state.
          _ = iconv(descriptor, nil, nil, nil, nil)
        }
      }
    }
    if firstInvalid != nil && !lossy { return (nil, firstInvalid) }
    return (String(decoding: output, as: UTF8.self), firstInvalid)
  }
}

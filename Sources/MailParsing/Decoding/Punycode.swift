/// Punycode (RFC 3492): Unicode labels as ASCII, the encoding under IDNA's
/// `xn--` labels.
public enum Punycode {
  private static let base = 36
  private static let tMin = 1
  private static let tMax = 26
  private static let skew = 38
  private static let damp = 700
  private static let initialBias = 72
  private static let initialN = 0x80

  /// The Punycode form of `input` (without `xn--`); nil on overflow.
  public static func encode(_ input: String) -> String? {
    let scalars = input.unicodeScalars.map { Int($0.value) }
    var output: [UInt8] = scalars.filter { $0 < 0x80 }.map { UInt8(truncatingIfNeeded: $0) }
    let basicCount = output.count
    var handled = basicCount
    if basicCount > 0 { output.append(UInt8(ascii: "-")) }
    var n = initialN
    var delta = 0
    var bias = initialBias
    while handled < scalars.count {
      guard let next = scalars.filter({ $0 >= n }).min() else { return nil }
      let (step, overflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
      guard !overflow, delta <= Int(Int32.max) - step else { return nil }
      delta += step
      n = next
      for scalar in scalars {
        if scalar < n {
          delta += 1
          guard delta <= Int(Int32.max) else { return nil }
        }
        if scalar == n {
          var q = delta
          var k = base
          while true {
            let t = threshold(k, bias)
            if q < t { break }
            output.append(digit(t + (q - t) % (base - t)))
            q = (q - t) / (base - t)
            k += base
          }
          output.append(digit(q))
          bias = adapt(delta, handled + 1, handled == basicCount)
          delta = 0
          handled += 1
        }
      }
      delta += 1
      n += 1
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The Unicode label `input` (without `xn--`) encodes; nil when it is not
  /// valid Punycode.
  public static func decode(_ input: String) -> String? {
    let bytes = Array(input.utf8)
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    var output: [Int] = []
    var rest = bytes[...]
    if let lastDelimiter = bytes.lastIndex(of: UInt8(ascii: "-")) {
      output = bytes[..<lastDelimiter].map { Int($0) }
      rest = bytes[(lastDelimiter + 1)...]
    }
    var n = initialN
    var i = 0
    var bias = initialBias
    var iterator = rest.makeIterator()
    var pending = iterator.next()
    while pending != nil {
      let oldI = i
      var w = 1
      var k = base
      while true {
        guard let character = pending, let value = digitValue(character) else { return nil }
        pending = iterator.next()
        let (product, overflow) = value.multipliedReportingOverflow(by: w)
        guard !overflow, i <= Int(Int32.max) - product else { return nil }
        i += product
        let t = threshold(k, bias)
        if value < t { break }
        let (nextW, overflowW) = w.multipliedReportingOverflow(by: base - t)
        guard !overflowW, nextW <= Int(Int32.max) else { return nil }
        w = nextW
        k += base
      }
      let length = output.count + 1
      bias = adapt(i - oldI, length, oldI == 0)
      guard i / length <= 0x10FFFF - n else { return nil }
      n += i / length
      i %= length
      guard n >= 0x80, Unicode.Scalar(UInt32(n)) != nil else { return nil }
      output.insert(n, at: i)
      i += 1
    }
    var text = ""
    for value in output {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
      text.unicodeScalars.append(scalar)
    }
    return text
  }

  private static func threshold(_ k: Int, _ bias: Int) -> Int {
    k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
  }

  private static func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
    var delta = first ? delta / damp : delta / 2
    delta += delta / count
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }

  private static func digit(_ value: Int) -> UInt8 {
    // 0-25 a-z, 26-35 0-9
    value < 26 ? UInt8(truncatingIfNeeded: value + 0x61) : UInt8(truncatingIfNeeded: value - 26 + 0x30)
  }

  private static func digitValue(_ character: UInt8) -> Int? {
    switch character {
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(character - UInt8(ascii: "a"))
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(character - UInt8(ascii: "A"))
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(character - UInt8(ascii: "0")) + 26
    default: return nil
    }
  }
}

/// Reads Date fields: RFC 5322 3.3 dates, their obsolete forms (4.3) and the
/// broken ones found in real mailboxes.
///
/// Accepted beyond the RFC: a missing or misspelled day name, any case,
/// two- and three-digit years (RFC 5322 4.3: 00-49 is 2000-2049, 50-999 adds
/// 1900), times without seconds, time-zone names (US zones of RFC 5322 and
/// common ones such as JST, CET, BST), numeric zones without a sign, comments
/// and trailing text, `asctime` order (`Fri Mar  1 09:15:00 2024`) and
/// ISO 8601 (`2024-03-01T09:15:00+09:00`). A date without a zone is read as
/// UTC, as RFC 5322 reads `-0000`.
public enum DateParser {
  /// Parses a Date field value; nil when no date can be read from it.
  public static func parse(_ bytes: [UInt8]) -> MessageDate? {
    let words = DateWords(bytes)
    return iso8601(words) ?? rfc5322(words)
  }

  /// Parses a Date field given as text.
  public static func parse(_ text: String) -> MessageDate? {
    parse(Array(text.utf8))
  }

  // MARK: Readings

  /// `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:]MM]`.
  private static func iso8601(_ words: DateWords) -> MessageDate? {
    var items = words.items[...]
    guard case .number(let year, 4)? = items.popFirst(), case .symbol(Ascii.minus)? = items.popFirst(),
      case .number(let month, _)? = items.popFirst(), case .symbol(Ascii.minus)? = items.popFirst(),
      case .number(let day, _)? = items.popFirst()
    else { return nil }
    var time = (hour: 0, minute: 0, second: 0)
    var offset = 0
    if case .word(let t)? = items.first, t == "t" { items.removeFirst() }
    if let parsed = readTime(&items) { time = parsed }
    if case .word(let zone)? = items.first, zone == "z" {
      offset = 0
    } else if let zone = readNumericZone(&items, colonAllowed: true) {
      offset = zone
    }
    return make(year: year, month: month, day: day, time: time, offset: offset)
  }

  /// Day, month name, year, time and zone in RFC 5322 order or close to it.
  private static func rfc5322(_ words: DateWords) -> MessageDate? {
    var items = words.items[...]
    var day: Int?
    var month: Int?
    var year: Int?
    var yearDigits = 0
    var time: (hour: Int, minute: Int, second: Int)?
    var offset: Int?
    while let item = items.first {
      switch item {
      case .word(let word):
        items.removeFirst()
        if month == nil, let value = monthNumber(word) {
          month = value
        } else if time != nil, offset == nil, let value = zoneOffset(word) {
          offset = value
        } else if time != nil, year != nil {
          // Trailing text after a complete date: ignore the rest.
          items.removeAll()
        }
      case .number(let value, let digits):
        if case .symbol(Ascii.colon)? = items.dropFirst().first, time == nil {
          guard let parsed = readTime(&items) else { return nil }
          time = parsed
          continue
        }
        items.removeFirst()
        if day == nil, year == nil || month != nil, digits <= 2, value >= 1, value <= 31 {
          day = value
        } else if year == nil, digits >= 2 {
          year = value
          yearDigits = digits
        } else if time != nil, offset == nil, digits == 4 {
          // A numeric zone written without its sign: `0900`.
          offset = zoneSeconds(value)
        }
      case .symbol(let symbol):
        if (symbol == Ascii.plus || symbol == Ascii.minus), time != nil, offset == nil,
          let zone = readNumericZone(&items, colonAllowed: true)
        {
          offset = zone
        } else {
          items.removeFirst()
        }
      }
    }
    guard let day, let month, var year else { return nil }
    if yearDigits <= 2, year < 50 {
      year += 2000
    } else if yearDigits <= 3, year < 1000 {
      year += 1900
    }
    return make(year: year, month: month, day: day, time: time ?? (0, 0, 0), offset: offset ?? 0)
  }

  // MARK: Pieces

  /// `H:MM[:SS[.fff]]`.
  private static func readTime(_ items: inout ArraySlice<DateWords.Item>) -> (hour: Int, minute: Int, second: Int)? {
    let saved = items
    guard case .number(let hour, _)? = items.popFirst(), case .symbol(Ascii.colon)? = items.popFirst(),
      case .number(let minute, _)? = items.popFirst()
    else {
      items = saved
      return nil
    }
    var second = 0
    if case .symbol(Ascii.colon)? = items.first, case .number(let value, _)? = items.dropFirst().first {
      second = value
      items.removeFirst(2)
      // Fractions of a second are dropped.
      if case .symbol(Ascii.dot)? = items.first, case .number? = items.dropFirst().first { items.removeFirst(2) }
    }
    return (hour, minute, second)
  }

  /// `+0900`, `-05`, `+09:00`: the offset in seconds.
  private static func readNumericZone(_ items: inout ArraySlice<DateWords.Item>, colonAllowed: Bool) -> Int? {
    let saved = items
    guard case .symbol(let sign)? = items.popFirst(), sign == Ascii.plus || sign == Ascii.minus,
      case .number(var value, var digits)? = items.popFirst()
    else {
      items = saved
      return nil
    }
    if colonAllowed, digits <= 2, case .symbol(Ascii.colon)? = items.first,
      case .number(let minutes, 2)? = items.dropFirst().first
    {
      value = value * 100 + minutes
      digits = 4
      items.removeFirst(2)
    }
    if digits <= 2 { value *= 100 }
    guard digits <= 4, let seconds = zoneSeconds(value) else {
      items = saved
      return nil
    }
    return sign == Ascii.minus ? -seconds : seconds
  }

  /// `HHMM` as seconds; nil when minutes exceed 59 or hours 18.
  private static func zoneSeconds(_ value: Int) -> Int? {
    let hours = value / 100
    let minutes = value % 100
    guard minutes < 60, hours <= 18 else { return nil }
    return hours * 3600 + minutes * 60
  }

  /// Month names, short and full; built once, not per date.
  private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
  private static let fullMonths = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ]

  private static func monthNumber(_ word: String) -> Int? {
    guard word.count >= 3 else { return nil }
    // `march`, `sept` are fine; `mayday` is not a month.
    for (number, (short, long)) in zip(months, fullMonths).enumerated() where word.hasPrefix(short) {
      return word.count == 3 || long.hasPrefix(word) || word == "sept" ? number + 1 : nil
    }
    return nil
  }

  /// Offsets in minutes of zone names in the wild (RFC 5322 4.3 and common
  /// abbreviations; CST is the US one, as RFC 5322 says).
  static let zoneMinutes: [String: Int] = [
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    "akst": -540, "akdt": -480, "hst": -600,
    "bst": 60, "cet": 60, "met": 60, "west": 60, "cest": 120, "mest": 120, "eet": 120, "eest": 180,
    "msk": 180, "ist": 330, "hkt": 480, "sgt": 480, "awst": 480, "jst": 540, "kst": 540,
    "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
  ]

  private static func zoneOffset(_ word: String) -> Int? {
    if let minutes = zoneMinutes[word] { return minutes * 60 }
    // RFC 5322 4.3: other military zones are read as -0000.
    if word.count == 1, let letter = word.first, letter.isLetter, letter != "j" { return 0 }
    return nil
  }

  private static func make(
    year: Int, month: Int, day: Int, time: (hour: Int, minute: Int, second: Int), offset: Int
  ) -> MessageDate? {
    guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
      (0...9999).contains(year), (0...23).contains(time.hour), (0...59).contains(time.minute),
      (0...60).contains(time.second)
    else { return nil }
    let days = CivilDate.daysFromEpoch(year: year, month: month, day: day)
    // A leap second is read as the last ordinary one.
    let seconds = Int64(days) * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + min(time.second, 59))
    return MessageDate(epochSeconds: seconds - Int64(offset), offsetSeconds: offset)
  }
}

/// The words, numbers and symbols of a date, comments removed.
struct DateWords {
  enum Item: Equatable {
    case word(String)
    case number(Int, digits: Int)
    case symbol(UInt8)
  }

  var items: [Item] = []
  /// Longest run of digits read as a number; longer runs cannot be a date part.
  static let maxDigits = 9

  init(_ bytes: [UInt8]) {
    var cursor = ByteCursor(bytes)
    // `Tue, 01 Jan 2019 00:00:13 +0200` is 11 items: one allocation.
    items.reserveCapacity(16)
    var commentDepth = 0
    while let byte = cursor.next() {
      if byte == Ascii.openParen {
        commentDepth += 1
      } else if byte == Ascii.closeParen {
        commentDepth = max(0, commentDepth - 1)
      } else if commentDepth > 0 {
        continue
      } else if byte >= 0x30, byte <= 0x39 {
        var value = Int(byte - 0x30)
        var digits = 1
        while let next = cursor.peek(), next >= 0x30, next <= 0x39 {
          cursor.advance()
          if digits < Self.maxDigits { value = value * 10 + Int(next - 0x30) }
          digits += 1
        }
        items.append(.number(value, digits: digits))
      } else if Self.isLetter(byte) {
        // Lower-cased straight into the word: a day or month name fits a
        // String's inline storage, so no buffer is allocated for it.
        let start = cursor.position - 1
        cursor.skip(while: Self.isLetter)
        let letters = cursor.slice(start, cursor.position)
        items.append(.word(String(unsafeUninitializedCapacity: letters.count) { word in
          for (offset, letter) in letters.enumerated() { word[offset] = Ascii.lower(letter) }
          return letters.count
        }))
      } else if byte == Ascii.plus || byte == Ascii.minus || byte == Ascii.colon || byte == Ascii.dot {
        items.append(.symbol(byte))
      }
      // Commas, slashes, spaces and other bytes only separate.
    }
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }
}

/// Proleptic Gregorian calendar arithmetic (H. Hinnant's civil algorithms).
enum CivilDate {
  static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days from 1970-01-01 to the given date.
  static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date of a day count from 1970-01-01.
  static func date(daysFromEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

extension MessageDate {
  /// ISO 8601 in the writer's offset: `2024-03-01T09:15:00+09:00`.
  ///
  /// Written into one buffer of 25 ASCII bytes: the reports stamp every
  /// finding and exposed address, and joining eight padded pieces as
  /// strings was a twentieth of writing them. Years outside 0-9999 and
  /// offsets of 100 hours or more keep the general form.
  public var iso8601: String {
    let local = epochSeconds + Int64(offsetSeconds)
    let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    let secondOfDay = Int(local - Int64(days) * 86_400)
    let date = CivilDate.date(daysFromEpoch: days)
    let offset = abs(offsetSeconds) / 60
    guard (0...9999).contains(date.year), offset / 60 < 100 else {
      return generalISO8601
    }
    return String(unsafeUninitializedCapacity: 25) { buffer in
      func put(_ value: Int, _ width: Int, at index: Int) {
        var value = value
        for i in stride(from: index + width - 1, through: index, by: -1) {
          buffer[i] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
      }
      put(date.year, 4, at: 0)
      buffer[4] = UInt8(ascii: "-")
      put(date.month, 2, at: 5)
      buffer[7] = UInt8(ascii: "-")
      put(date.day, 2, at: 8)
      buffer[10] = UInt8(ascii: "T")
      put(secondOfDay / 3600, 2, at: 11)
      buffer[13] = UInt8(ascii: ":")
      put(secondOfDay / 60 % 60, 2, at: 14)
      buffer[16] = UInt8(ascii: ":")
      put(secondOfDay % 60, 2, at: 17)
      buffer[19] = offsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
      put(offset / 60, 2, at: 20)
      buffer[22] = UInt8(ascii: ":")
      put(offset % 60, 2, at: 23)
      return 25
    }
  }

  /// ``iso8601`` joined from padded pieces: any year, any offset.
  var generalISO8601: String {
    let local = epochSeconds + Int64(offsetSeconds)
    let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    let secondOfDay = Int(local - Int64(days) * 86_400)
    let date = CivilDate.date(daysFromEpoch: days)
    let sign = offsetSeconds < 0 ? "-" : "+"
    let offset = abs(offsetSeconds) / 60
    return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
      + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
      + "\(sign)\(pad(offset / 60, 2)):\(pad(offset % 60, 2))"
  }

  private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}

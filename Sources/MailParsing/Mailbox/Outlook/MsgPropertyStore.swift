/// The MAPI properties of one storage of a `.msg` file ([MS-OXMSG] 2.4):
/// fixed-size values from its `__properties_version1.0` stream, variable
/// ones from its `__substg1.0_TTTTPPPP` streams, read when asked for.
struct MsgPropertyStore<Source: ByteSource> {
  /// Where the storage sits, which decides the properties stream's header
  /// length ([MS-OXMSG] 2.4.1).
  enum Level {
    /// The message of the file: a 32-byte header.
    case topLevel
    /// A message attached to a message: a 24-byte header.
    case embedded
    /// A recipient or attachment storage: an 8-byte header.
    case subobject

    var headerLength: Int {
      switch self {
      case .topLevel: return 32
      case .embedded: return 24
      case .subobject: return 8
      }
    }
  }

  /// MAPI property types read here ([MS-OXCDATA] 2.11.1).
  enum PropertyType: UInt16 {
    case integer32 = 0x0003
    case boolean = 0x000B
    case string8 = 0x001E
    case unicode = 0x001F
    case time = 0x0040
  }

  static var propertiesStreamName: String { "__properties_version1.0" }
  /// Longest properties stream read: 16 bytes a property, so 64 Ki properties.
  static var maxPropertiesBytes: Int { 1 << 20 }
  /// Longest string property read, in bytes (UTF-16 doubles the 8 MiB a
  /// header block may hold).
  static var maxStringBytes: Int { 2 * MailboxLimits.maxHeaderBytes }

  let file: CompoundFile<Source>
  /// The 8-byte value field of each fixed-size property, by property tag.
  let values: [UInt32: [UInt8]]
  /// The storage's child streams, by upper-cased name.
  let streams: [String: CompoundFile<Source>.DirectoryEntry]

  /// Reads the property list of `storage`. A storage without a properties
  /// stream has only its `__substg1.0_` streams.
  init(file: CompoundFile<Source>, storage: UInt32, level: Level) throws(CompoundFileError) {
    self.file = file
    var streams: [String: CompoundFile<Source>.DirectoryEntry] = [:]
    for child in try file.children(of: storage) where child.entry.type == .stream {
      streams[child.entry.name.uppercased()] = child.entry
    }
    self.streams = streams
    var values: [UInt32: [UInt8]] = [:]
    if let entry = streams[Self.propertiesStreamName.uppercased()] {
      let bytes = try file.read(entry, limit: Self.maxPropertiesBytes)
      var index = level.headerLength
      while index + 16 <= bytes.count {
        if let tag = bytes.uint32LE(at: index) { values[tag] = Array(bytes[(index + 8)..<(index + 16)]) }
        index += 16
      }
    }
    self.values = values
  }

  static func tag(_ id: UInt16, _ type: PropertyType) -> UInt32 { UInt32(id) << 16 | UInt32(type.rawValue) }

  /// A PT_LONG property.
  func integer(_ id: UInt16) -> UInt32? {
    values[Self.tag(id, .integer32)]?.uint32LE(at: 0)
  }

  /// A PT_BOOLEAN property.
  func boolean(_ id: UInt16) -> Bool? {
    values[Self.tag(id, .boolean)]?.first.map { $0 != 0 }
  }

  /// A PT_SYSTIME property: FILETIME ticks.
  func time(_ id: UInt16) -> UInt64? {
    values[Self.tag(id, .time)]?.uint64LE(at: 0)
  }

  /// Whether the storage holds a stream for `id` in either string type.
  func hasString(_ id: UInt16) -> Bool {
    streams[Self.streamName(id, .unicode)] != nil || streams[Self.streamName(id, .string8)] != nil
  }

  /// A string property: PT_UNICODE (UTF-16LE) when stored so, else
  /// PT_STRING8 in `charset` (the message's code page). Trailing NULs are
  /// dropped; nil when the storage has neither stream.
  func string(_ id: UInt16, charset: Charset) throws(CompoundFileError) -> String? {
    if let entry = streams[Self.streamName(id, .unicode)] {
      let bytes = try file.read(entry, limit: Self.maxStringBytes)
      var units: [UInt16] = []
      units.reserveCapacity(bytes.count / 2)
      var index = 0
      while let unit = bytes.uint16LE(at: index) {
        units.append(unit)
        index += 2
      }
      while units.last == 0 { units.removeLast() }
      return String(decoding: units, as: UTF16.self)
    }
    if let entry = streams[Self.streamName(id, .string8)] {
      var bytes = try file.read(entry, limit: Self.maxStringBytes)
      while bytes.last == 0 { bytes.removeLast() }
      return charset.decodeLossily(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }
    return nil
  }

  /// `__SUBSTG1.0_0037001F`: the stream of property `id` of `type`,
  /// upper-cased as ``streams`` is keyed.
  static func streamName(_ id: UInt16, _ type: PropertyType) -> String {
    "__SUBSTG1.0_" + hex(id) + hex(type.rawValue)
  }

  static func hex(_ value: UInt16) -> String {
    let digits = Array("0123456789ABCDEF")
    return String((0..<4).reversed().map { digits[Int(value >> (4 * UInt16($0)) & 0xF)] })
  }
}

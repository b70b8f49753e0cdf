/// An Outlook item saved as a `.msg` file ([MS-OXMSG]): its message class,
/// the properties mailaudit audits as an ``OutlookMessage``, and what was
/// met reading them.
///
/// Only the top-level message is read: its property streams and its
/// recipient storages (`__recip_version1.0_#XXXXXXXX`). Attachment storages
/// are never opened, so an attached `.msg` (an embedded message, a copy of
/// some other mail) is never taken for a message of the mailbox, and a
/// 25 MB attachment is never read.
struct MsgFile {
  /// `PidTagMessageClass`: `IPM.Note`, `IPM.Schedule.Meeting.Request`, ...
  var messageClass: String?
  var message: OutlookMessage
  /// How many recipient storages the file holds (rows without an address
  /// included).
  var recipientRows: Int
  /// What could not be read as intended (an unknown code page).
  var problems: [Problem]

  /// [MS-OXPROPS] property ids read here.
  enum Property {
    static let messageClass: UInt16 = 0x001A
    static let subject: UInt16 = 0x0037
    static let clientSubmitTime: UInt16 = 0x0039
    static let sentRepresentingName: UInt16 = 0x0042
    static let sentRepresentingAddressType: UInt16 = 0x0064
    static let sentRepresentingEmailAddress: UInt16 = 0x0065
    static let transportMessageHeaders: UInt16 = 0x007D
    static let senderName: UInt16 = 0x0C1A
    static let recipientType: UInt16 = 0x0C15
    static let senderAddressType: UInt16 = 0x0C1E
    static let senderEmailAddress: UInt16 = 0x0C1F
    static let messageDeliveryTime: UInt16 = 0x0E06
    static let messageFlags: UInt16 = 0x0E07
    static let internetMessageId: UInt16 = 0x1035
    static let internetReferences: UInt16 = 0x1039
    static let inReplyToId: UInt16 = 0x1042
    static let displayName: UInt16 = 0x3001
    static let addressType: UInt16 = 0x3002
    static let emailAddress: UInt16 = 0x3003
    static let creationTime: UInt16 = 0x3007
    static let smtpAddress: UInt16 = 0x39FE
    static let internetCodepage: UInt16 = 0x3FDE
    static let messageCodepage: UInt16 = 0x3FFD
    static let messageLocaleId: UInt16 = 0x3FF1
    static let senderSmtpAddress: UInt16 = 0x5D01
    static let sentRepresentingSmtpAddress: UInt16 = 0x5D02
  }

  /// `mfUnsent` in `PidTagMessageFlags`: saved but never sent.
  static let unsentFlag: UInt32 = 0x8
  static let recipientPrefix = "__recip_version1.0_#"

  /// Whether a Compound File is an Outlook item: its root holds a
  /// properties stream and a message class.
  static func isMessage<S>(_ file: CompoundFile<S>) throws(CompoundFileError) -> Bool {
    let store = try MsgPropertyStore(file: file, storage: file.root, level: .topLevel)
    return store.streams[MsgPropertyStore<S>.propertiesStreamName.uppercased()] != nil
      && store.hasString(Property.messageClass)
  }

  /// Reads the top-level message of `file`; `path` names the file in
  /// problems.
  init<S>(_ file: CompoundFile<S>, path: String) throws(CompoundFileError) {
    let store = try MsgPropertyStore(file: file, storage: file.root, level: .topLevel)
    var problems: [Problem] = []
    let codePage = Self.stringCodePage(
      message: store.integer(Property.messageCodepage), locale: store.integer(Property.messageLocaleId),
      internet: store.integer(Property.internetCodepage))
    let charset: Charset
    if let codePage, let known = Self.charset(codePage: codePage) {
      charset = known
    } else {
      // [MS-OXMSG] leaves PT_STRING8 undecodable without a code page;
      // Outlook's own default on western systems is Windows-1252.
      charset = Charset(label: "windows-1252")
      if let codePage {
        problems.append(Problem(kind: .unknownCharset, file: path, field: "code page",
                                detail: "code page \(codePage) unknown; read as windows-1252"))
      }
    }
    func text(_ id: UInt16) throws(CompoundFileError) -> String? { try store.string(id, charset: charset) }

    messageClass = try text(Property.messageClass)
    var message = OutlookMessage()
    message.subject = try text(Property.subject)
    message.messageID = try text(Property.internetMessageId)
    message.inReplyTo = try text(Property.inReplyToId)
    message.references = try text(Property.internetReferences)
    message.submitTime = store.time(Property.clientSubmitTime) ?? store.time(Property.messageDeliveryTime)
      ?? store.time(Property.creationTime)
    message.unsent = (store.integer(Property.messageFlags) ?? 0) & Self.unsentFlag != 0
    message.transportHeaders = try text(Property.transportMessageHeaders)
    message.sender = try Self.sender(text)

    // Recipient storages, in the order of their numbers.
    var rows: [(number: UInt32, id: UInt32)] = []
    for child in try file.children(of: file.root) where child.entry.type == .storage {
      let name = child.entry.name
      guard name.count == Self.recipientPrefix.count + 8, name.hasPrefix(Self.recipientPrefix),
            let number = UInt32(name.dropFirst(Self.recipientPrefix.count), radix: 16) else { continue }
      rows.append((number, child.id))
    }
    rows.sort { $0.number < $1.number }
    recipientRows = rows.count
    for row in rows {
      let recipient = try MsgPropertyStore(file: file, storage: row.id, level: .subobject)
      func text(_ id: UInt16) throws(CompoundFileError) -> String? { try recipient.string(id, charset: charset) }
      // A row without a type is read as To: it was a recipient, and the
      // visible lists are what an audit must not under-count.
      let kind: OutlookMessage.RecipientKind
      switch (recipient.integer(Property.recipientType) ?? 1) & 3 {
      case 2: kind = .cc
      case 3: kind = .bcc
      case 1: kind = .to
      default: continue  // MAPI_ORIG (0): the originator, not a recipient.
      }
      let addressType = try text(Property.addressType)
      message.recipients.append(OutlookMessage.Party(
        kind: kind, displayName: try text(Property.displayName),
        address: Self.address(type: addressType, email: try text(Property.emailAddress), smtp: try text(Property.smtpAddress)),
        addressType: addressType))
    }
    self.message = message
    self.problems = problems
  }

  /// The sender: `PidTagSender*`, else the `PidTagSentRepresenting*`
  /// properties (the mailbox a delegate sent for).
  static func sender(_ text: (UInt16) throws(CompoundFileError) -> String?) throws(CompoundFileError) -> OutlookMessage.Party? {
    for (smtp, email, type, name) in [
      (Property.senderSmtpAddress, Property.senderEmailAddress, Property.senderAddressType, Property.senderName),
      (Property.sentRepresentingSmtpAddress, Property.sentRepresentingEmailAddress,
       Property.sentRepresentingAddressType, Property.sentRepresentingName),
    ] {
      let addressType = try text(type)
      if let address = address(type: addressType, email: try text(email), smtp: try text(smtp)) {
        return OutlookMessage.Party(kind: .to, displayName: try text(name), address: address, addressType: addressType)
      }
    }
    return nil
  }

  /// The address to audit: for an Exchange (`EX`) entry its SMTP address,
  /// since the email address is an X.500 DN; otherwise the email address,
  /// else the SMTP one. Empty strings count as absent.
  static func address(type: String?, email: String?, smtp: String?) -> String? {
    let email = email.flatMap { $0.isEmpty ? nil : $0 }
    let smtp = smtp.flatMap { $0.isEmpty ? nil : $0 }
    if type?.uppercased() == "EX" { return smtp ?? email }
    return email ?? smtp
  }

  /// The code page of the message's PT_STRING8 properties:
  /// `PidTagMessageCodepage` when set; else the Windows ANSI code page of
  /// `PidTagMessageLocaleId` (Outlook writes ANSI strings in the system's
  /// code page: a Japanese Outlook in CP932); else `PidTagInternetCodepage`
  /// unless it names a 7-bit transfer encoding (ISO-2022-JP, US-ASCII),
  /// which is the body's MIME charset and never how Outlook stores strings.
  static func stringCodePage(message: UInt32?, locale: UInt32?, internet: UInt32?) -> UInt32? {
    if let message { return message }
    if let locale, let ansi = ansiCodePage(locale: locale) { return ansi }
    if let internet, ![20127, 50220, 50221, 50222, 50225, 50227, 65000].contains(internet) { return internet }
    return nil
  }

  /// The Windows ANSI code page of a locale id (LCID), by its primary
  /// language; nil for a locale that is not set (0).
  static func ansiCodePage(locale: UInt32) -> UInt32? {
    let language = locale & 0x3FF
    switch language {
    case 0: return nil
    case 0x11: return 932
    case 0x04: return [0x0404, 0x0C04, 0x1404].contains(locale & 0xFFFF) ? 950 : 936
    case 0x12: return 949
    case 0x1E: return 874
    case 0x2A: return 1258
    case 0x19, 0x22, 0x23, 0x02, 0x2F, 0x3F, 0x40, 0x44, 0x50: return 1251
    case 0x05, 0x0E, 0x15, 0x18, 0x1B, 0x1C, 0x24: return 1250
    case 0x1A: return (locale & 0xFFFF) == 0x0C1A || (locale & 0xFFFF) == 0x1C1A ? 1251 : 1250
    case 0x08: return 1253
    case 0x1F, 0x2C: return 1254
    case 0x0D: return 1255
    case 0x01, 0x29, 0x20: return 1256
    case 0x25, 0x26, 0x27: return 1257
    default: return 1252
    }
  }

  /// The charset of a Windows code page, or nil when iconv does not know
  /// it.
  static func charset(codePage: UInt32) -> Charset? {
    let label: String
    switch codePage {
    case 65001: label = "utf-8"
    case 1200: label = "utf-16le"
    case 20127, 28591: label = "windows-1252"
    case 932: label = "cp932"
    case 936: label = "gb18030"
    case 949: label = "cp949"
    case 950: label = "big5"
    case 874: label = "windows-874"
    case 1250...1258: label = "windows-\(codePage)"
    case 20866: label = "koi8-r"
    case 21866: label = "koi8-u"
    case 28592...28599: label = "iso-8859-\(codePage - 28590)"
    case 28603: label = "iso-8859-13"
    case 28605: label = "iso-8859-15"
    case 50220, 50221, 50222: label = "iso-2022-jp"
    case 51932, 20932: label = "euc-jp"
    case 51949: label = "euc-kr"
    case 52936: label = "gb18030"
    case 54936: label = "gb18030"
    case 10000: label = "macintosh"
    default: label = "cp\(codePage)"
    }
    let charset = Charset(label: label)
    return charset.isKnown ? charset : nil
  }
}

/// Outlook item classes that are never sent to anyone, so never a message
/// of a Sent folder.
///
/// Everything else with a recipient table is read as a message, including
/// meeting requests (`IPM.Schedule.Meeting.*`: an invitation to many
/// customers shows every attendee to every other), task requests, posts
/// and classes mailaudit does not know: skipping an unknown class could
/// hide an exposure.
enum OutlookItemClass {
  /// Why an item of `messageClass` is not a message, or nil when it is read
  /// as one. An appointment with attendees is read (its invitations went
  /// to them, each seeing the others); one without is a calendar entry.
  static func notAMessage(_ messageClass: String?, hasRecipients: Bool) -> String? {
    guard let messageClass else { return nil }
    // Some writers pad the class with spaces (`IPM.Contact `).
    let name = String(messageClass.lowercased().drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    func isClass(_ base: String) -> Bool { name == base || name.hasPrefix(base + ".") }
    if isClass("ipm.contact") { return "an Outlook contact (\(messageClass)), not a message" }
    if isClass("ipm.distlist") { return "an Outlook contact group (\(messageClass)), not a message" }
    if isClass("ipm.stickynote") { return "an Outlook note (\(messageClass)), not a message" }
    if isClass("ipm.activity") { return "an Outlook journal entry (\(messageClass)), not a message" }
    if isClass("ipm.task") { return "an Outlook task (\(messageClass)), not a message" }
    if isClass("ipm.appointment"), !hasRecipients {
      return "an Outlook appointment without attendees (\(messageClass)), not a message"
    }
    return nil
  }
}

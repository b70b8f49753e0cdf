// libFuzzer entry: the RFC 5322 address-list parser with its obsolete and
// broken forms, plus the normalisation every parsed address goes through.
// Wherever the one-pass reader of plain lists takes the input, its list
// must be the full reader's: a difference is a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAddress(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let list = AddressListParser.parse(bytes)
  for address in list.addresses {
    _ = address.normalizedDomain
    _ = address.addrSpec
  }
  if let plain = PlainAddressList.read(bytes) {
    precondition(plain == AddressListParser.parseFully(bytes), "the plain reader differs from the full one")
  }
  return 0
}

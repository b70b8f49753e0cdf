// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "mailaudit",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "mailaudit", targets: ["mailaudit"]),
    .library(name: "MailParsing", targets: ["MailParsing"]),
    .library(name: "MailAudit", targets: ["MailAudit"]),
    .library(name: "MailIMAP", targets: ["MailIMAP"]),
    .library(name: "MailAuditConsole", targets: ["MailAuditConsole"]),
  ],
  dependencies: [
    // The command line: subcommands, options, help, exit codes.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // The SQLite index: migrations, prepared statements, WAL.
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    // HTML reports from templates that escape by default.
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    // SHA-256 (duplicate detection, evidence hashes) and HMAC (masking).
    .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    // The mailaudit.toml configuration file.
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    // IMAP Sent folders: event-driven sockets and TLS, no hand-rolled socket code.
    .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.0.0"),
    // The PostgreSQL index, for many scanners on many hosts.
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    // The web console (`mailaudit serve`): HTTP routing on SwiftNIO, and its
    // in-process test client.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    // What Glibc does not export to Swift (memmem), the vector mbox body
    // search, and malloc_trim.
    .target(name: "CShims"),
    // SQLite's process-wide settings, made through sqlite3_config (a C
    // function with variable arguments, which Swift cannot call).
    .target(
      name: "CSQLiteSettings", dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]),
    // The system zlib: gzip-compressed mailboxes are read as a stream.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    // Bytes to headers: mailbox readers, header slicing, field parsers,
    // decoders. No package dependencies, so it can be fuzzed with swiftc.
    .target(name: "MailParsing", dependencies: ["CShims", "CZlib"]),
    // A small read-only IMAP4rev1 client over SwiftNIO: a Sent folder as a
    // mailbox source. Its own target so MailParsing stays dependency-free.
    .target(
      name: "MailIMAP",
      dependencies: [
        "MailParsing",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    // The auditor: domains, exposure analysis, the index, reports, scanning.
    .target(
      name: "MailAudit",
      dependencies: [
        "MailParsing",
        "CShims",
        "CSQLiteSettings",
        "MailIMAP",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      resources: [.copy("Resources")]
    ),
    // The web console over MailAudit: routes, pages, session and CSRF,
    // downloads. Its own target so the library stays free of an HTTP server.
    .target(
      name: "MailAuditConsole",
      dependencies: [
        "MailAudit",
        "CZlib",
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      resources: [.copy("Assets")]
    ),
    // Conformance/compare.py's view of MailParsing: per message, the visible
    // recipients it extracts, as JSON. MailParsing only, so it builds fast.
    .executableTarget(name: "mailaudit-headers", dependencies: ["MailParsing"]),
    // The thin command line over MailAudit.
    .executableTarget(
      name: "mailaudit",
      dependencies: [
        "MailAudit",
        "MailAuditConsole",
        "MailIMAP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "MailParsingTests", dependencies: ["MailParsing", "CShims"],
      exclude: []),
    // Running the helper programs and server harnesses the tests stand on.
    .target(name: "TestHarness", path: "Tests/TestHarness"),
    .testTarget(
      name: "MailAuditTests",
      dependencies: [
        "MailAudit", "MailParsing", "MailIMAP", "TestHarness",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ]),
    .testTarget(
      name: "MailIMAPTests",
      dependencies: [
        "MailIMAP", "MailParsing",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
      ]),
    .testTarget(
      name: "MailAuditConsoleTests",
      dependencies: [
        "MailAuditConsole", "MailAudit",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(name: "CLITests", dependencies: ["mailaudit", "MailAudit", "MailParsing", "TestHarness"]),
  ]
)

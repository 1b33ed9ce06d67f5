// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "StudyLeave",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "studyleave", targets: ["studyleave"]),
        .library(name: "StudyLeaveDomain", targets: ["StudyLeaveDomain"]),
        .library(name: "StudyLeaveLedger", targets: ["StudyLeaveLedger"]),
        .library(name: "StudyLeaveApp", targets: ["StudyLeaveApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // ODF spreadsheets (--format ods): the zip container and the XML of its content.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
        // The timeline picture's SVG markup, escaped by construction.
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
        // The read-only web view (serve): an HTTP server on SwiftNIO, which postgres-nio already
        // brings, and logic-less templates that escape what they print. No swift-configuration:
        // the server is configured by the command line.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Pure Swift, no I/O: values, events, the policy, decisions and projections.
        .target(name: "StudyLeaveDomain"),
        // The store protocol (Store/) and its adapters: SQLite (SQLite/, GRDB) and PostgreSQL
        // (PostgreSQL/, postgres-nio); the hash chain, export and import, the projection rows.
        .target(
            name: "StudyLeaveLedger",
            dependencies: [
                "StudyLeaveDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the bulk paths (import, rebuild): RawStatement.swift.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                // TLS to a PostgreSQL server that is not on this machine (postgres-nio builds it anyway).
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // Use cases: read the tagged events, fold, decide, append; the queries.
        .target(name: "StudyLeaveApp", dependencies: [
            "StudyLeaveDomain", "StudyLeaveLedger",
            // The web view's read tokens: SHA-256 of each, the only form the ledger keeps.
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // What people read, shared by both faces: each answer's JSON and table (Answers/), tables as
        // CSV and ODF spreadsheets (Tables/, Spreadsheet/: the CLI's --format, the web view's
        // downloads) and the timeline picture (Timeline/, SVG).
        .target(
            name: "StudyLeaveOutput",
            dependencies: [
                "StudyLeaveDomain", "StudyLeaveApp",
                .product(name: "Plot", package: "Plot"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]),
        // The read-only web view for agencies: routes, sign-in, pages and their JSON; talks to App only.
        .target(
            name: "StudyLeaveWeb",
            dependencies: [
                "StudyLeaveApp", "StudyLeaveDomain", "StudyLeaveOutput",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The demo's data: command lines drawn from the two planning documents (seed/README.md);
        // seed/examples holds the files the docs' examples name (a roster, a policy file).
        .target(name: "StudyLeaveSeed", path: "seed", exclude: ["README.md", "examples"], resources: [.copy("stories")]),
        // The command-line tool: parsing and printing only.
        .executableTarget(
            name: "studyleave",
            dependencies: [
                "StudyLeaveApp", "StudyLeaveSeed", "StudyLeaveOutput", "StudyLeaveWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "StudyLeaveDomainTests", dependencies: ["StudyLeaveDomain"]),
        .testTarget(name: "StudyLeaveOutputTests", dependencies: ["StudyLeaveOutput", "StudyLeaveDomain"]),
        .testTarget(name: "StudyLeaveLedgerTests", dependencies: ["StudyLeaveLedger", "StudyLeaveApp"]),
        // What the test targets share: a throwaway PostgreSQL server each test run starts itself.
        .target(name: "StudyLeaveTestSupport", path: "Tests/StudyLeaveTestSupport"),
        // The PostgreSQL store against that server.
        .testTarget(name: "StudyLeavePostgresTests", dependencies: ["StudyLeaveLedger", "StudyLeaveApp", "StudyLeaveTestSupport"]),
        // The CLI end to end, on SQLite files, or with STUDYLEAVE_TEST_STORE=postgres on PostgreSQL databases.
        .testTarget(name: "StudyLeaveCLITests", dependencies: ["studyleave", "StudyLeaveApp", "StudyLeaveTestSupport"]),
        // Kills, races, faults and bad input against real processes and files (Docs/RELIABILITY.md).
        .testTarget(name: "StudyLeaveReliabilityTests", dependencies: ["studyleave", "StudyLeaveApp"],
                    resources: [.copy("Corpus")]),
    ]
)
